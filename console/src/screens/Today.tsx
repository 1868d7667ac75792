import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { labelOf } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Link } from "../router";
import { LogSetForm } from "../workout/LogSetForm";
import { SwapPicker } from "../workout/SwapPicker";
import { onSync } from "../workout/set-sync";
import { lastTimeText, targetText, warmupText } from "../workout/targets";
import { formatWeight, type Units } from "../workout/units";

// Today's workout: each exercise's last time, today's target and warm-up; swap one when its
// equipment is taken; start the planned session, log sets, finish. A session already started
// today (on another device, or before a reload) is picked up again.

type Session = Schemas["WorkoutSession"];
type WorkoutSet = Schemas["WorkoutSet"];

export function Today() {
  const [today, setToday] = useState<Schemas["TodayWorkout"] | null>(null);
  const [units, setUnits] = useState<Units>("metric");
  const [session, setSession] = useState<Session | null>(null);
  const [sets, setSets] = useState<WorkoutSet[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [swapping, setSwapping] = useState<{ exercise_id: string; name: string } | null>(null);

  const load = useCallback(async () => {
    const [todays, profile] = await Promise.all([
      settle(api.GET("/v1/workouts/today")),
      settle(api.GET("/v1/profile")),
    ]);
    if (profile.ok) setUnits(profile.data.unit_preference);
    if (!todays.ok) return setProblem(todays.problem);
    setToday(todays.data);
    const sessions = await settle(
      api.GET("/v1/workouts/sessions", {
        params: { query: { from: todays.data.date, to: todays.data.date, limit: 10 } },
      }),
    );
    const started = sessions.ok
      ? sessions.data.items.find((item) => item.planned_weekday === todays.data.weekday)
      : undefined;
    if (!started) return;
    setSession(started);
    const logged = await settle(
      api.GET("/v1/workouts/sessions/{id}/sets", {
        params: { path: { id: started.id }, query: { limit: 100 } },
      }),
    );
    if (logged.ok) setSets(logged.data.items);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Sets come back from the sync pull: this device's queued ones once sent, and any other
  // device's or a coach's, as they change.
  const sessionId = session?.id;
  useEffect(
    () =>
      onSync({
        changes: (changes) =>
          setSets((current) => {
            let next = current;
            for (const change of changes) {
              if (change.entity !== "set") continue;
              const set = change.data as WorkoutSet | undefined;
              next = next.filter((item) => item.id !== change.id);
              if (set && set.session_id === sessionId) next = [...next, set];
            }
            return next;
          }),
      }),
    [sessionId],
  );

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    await work();
    setBusy(false);
  };

  const start = () =>
    act(async () => {
      const outcome = await settle(
        api.POST("/v1/workouts/sessions", {
          body: { client_id: crypto.randomUUID(), planned_day: "today" },
        }),
      );
      if (outcome.ok) setSession(outcome.data);
      else setProblem(outcome.problem);
    });

  const finish = () =>
    act(async () => {
      if (!session) return;
      const outcome = await settle(
        api.PATCH("/v1/workouts/sessions/{id}", {
          params: { path: { id: session.id } },
          body: { status: "completed" },
        }),
      );
      if (outcome.ok) setSession(outcome.data);
      else setProblem(outcome.problem);
    });

  const planned = today?.session;
  const names = new Map(planned?.exercises.map((e) => [e.exercise_id, e.name]));
  return (
    <Screen title="Today">
      <ProblemNote problem={problem} />
      {today && !planned && (
        <p>
          {today.status === "no_program" ? (
            <>
              No program yet: <Link to="/program">generate one</Link>.
            </>
          ) : (
            `No session planned today (${today.date}): a rest day.`
          )}
        </p>
      )}
      {today && planned && (
        <>
          <p className="lead">
            {today.date} · week {today.week} · {labelOf(planned.focus)} · ~
            {planned.estimated_minutes} min{today.deload && " · deload week"}
          </p>
          <table>
            <caption>Planned exercises</caption>
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Plan</th>
                <th scope="col">Last time</th>
                <th scope="col">Today</th>
                <th scope="col">Logged sets</th>
                <th scope="col">
                  <span className="visually-hidden">Swap</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {planned.exercises.map((exercise) => (
                <tr key={exercise.exercise_id}>
                  <td>{exercise.name}</td>
                  <td>
                    {exercise.sets} × {exercise.rep_min}–{exercise.rep_max} @ RIR{" "}
                    {exercise.target_rir}, rest {exercise.rest_seconds} s
                  </td>
                  <td>{lastTimeText(exercise.last, units)}</td>
                  <td title={exercise.suggested?.reason}>
                    {targetText(exercise.suggested, units)}
                    {warmupText(exercise.warmup, units) && (
                      <small className="warmup">{warmupText(exercise.warmup, units)}</small>
                    )}
                  </td>
                  <td>
                    {sets.filter((set) => set.exercise_id === exercise.exercise_id).length} of{" "}
                    {exercise.sets}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary swap"
                      aria-label={`Swap ${exercise.name}`}
                      onClick={() => setSwapping(exercise)}
                    >
                      Swap
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {swapping && (
            <SwapPicker
              key={swapping.exercise_id}
              exercise={swapping}
              date={today.date}
              units={units}
              onSwapped={(day) => {
                setToday(day);
                setSwapping(null);
              }}
              onClose={() => setSwapping(null)}
            />
          )}
          {!session && (
            <button type="button" onClick={start} disabled={busy}>
              Start workout
            </button>
          )}
          {session?.status === "in_progress" && (
            <LogSetForm sessionId={session.id} exercises={planned.exercises} units={units} />
          )}
          {sets.length > 0 && (
            <>
              <h2>Logged</h2>
              <ol className="sets" aria-label="Logged sets">
                {sets.map((set) => (
                  <li key={set.id}>
                    {names.get(set.exercise_id) ?? set.exercise_id}: {set.reps} reps ×{" "}
                    {formatWeight(set.weight_kg, set.weight_lb, units)}
                    {set.rir !== null && `, RIR ${set.rir}`}
                  </li>
                ))}
              </ol>
            </>
          )}
          {session?.status === "in_progress" && (
            <button type="button" className="secondary" onClick={finish} disabled={busy}>
              Finish workout
            </button>
          )}
          {session?.status === "completed" && (
            <p>
              <output>Workout finished.</output> See it in <Link to="/progress">Progress</Link>.
            </p>
          )}
        </>
      )}
    </Screen>
  );
}
