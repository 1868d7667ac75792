import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { getSession, subscribeSession } from "../api/session";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { DayCard, ProgramWeeks } from "../program/ProgramWeeks";
import { useProgramJob } from "../program/use-program-job";
import { Link } from "../router";

// "Generate program" with the build's live progress, then the program (GET
// /v1/programs/current) as weeks and days, and today's workout (GET /v1/workouts/today).

const WEEK_CHOICES = [4, 6, 8, 12, 16];

export function Program() {
  const [program, setProgram] = useState<Schemas["Program"] | null>(null);
  const [today, setToday] = useState<Schemas["TodayWorkout"] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [weeks, setWeeks] = useState(8);

  const load = useCallback(async () => {
    const [current, todays] = await Promise.all([
      settle(api.GET("/v1/programs/current")),
      settle(api.GET("/v1/workouts/today")),
    ]);
    if (current.ok) setProgram(current.data);
    else if (current.problem.status !== 404) setProblem(current.problem);
    if (todays.ok) setToday(todays.data);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const { job, problem: jobProblem, generate } = useProgramJob(() => void load());
  const building = job !== null && (job.status === "pending" || job.status === "in_progress");

  return (
    <Screen title="Program">
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void generate(weeks);
        }}
      >
        <Field label="Weeks">
          {(control) => (
            <select {...control} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              {WEEK_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={building}>
          Generate program
        </button>
      </form>
      {job && (
        <div className="build">
          <div
            className="bar"
            role="progressbar"
            aria-label="Program build"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job.progress}
            aria-valuetext={`${job.progress}% (${job.stage})`}
          >
            <div className="bar-fill" style={{ width: `${job.progress}%` }} />
          </div>
          <p className="muted">
            {job.status === "failed"
              ? `The build failed: ${job.error_message ?? "unknown error"}`
              : `${job.progress}% · ${job.stage}`}
          </p>
        </div>
      )}
      <ProblemNote problem={jobProblem ?? problem} />
      {today && <TodaySummary today={today} />}
      {program ? (
        <>
          <h2>{program.name}</h2>
          <p className="muted">
            {program.description} {program.duration_weeks} weeks, {program.days_per_week} days a
            week, from {program.starts_on ?? "today"}.
          </p>
          <ProgramWeeks program={program} />
        </>
      ) : (
        !building && <NoProgramYet />
      )}
    </Screen>
  );
}

/** Before the first program: what to do next depends on whether onboarding is done. */
function NoProgramYet() {
  const onboarded = useSyncExternalStore(subscribeSession, getSession)?.user.onboarding_completed;
  return onboarded ? (
    <p>No program yet: choose how many weeks, then Generate program.</p>
  ) : (
    <p>
      A program is built from your onboarding answers:{" "}
      <Link to="/onboarding">complete onboarding</Link> first, then generate one here.
    </p>
  );
}

function TodaySummary({ today }: { today: Schemas["TodayWorkout"] }) {
  if (today.status === "no_program") return null;
  return (
    <div className="today-summary">
      <h2>Today's workout</h2>
      {today.session ? (
        <>
          <DayCard day={today.session} />
          <p>
            <Link to="/today">
              {today.completed ? "See today's session" : "Start today's workout"}
            </Link>
          </p>
        </>
      ) : (
        <p>Rest day ({today.date}).</p>
      )}
    </div>
  );
}
