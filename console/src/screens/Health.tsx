import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { generateSampleWeek } from "../../../engine/health/sample-week";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";

// The phone's health data (GET /v1/health/daily, /v1/health/readiness): the last 28 days and
// today's readiness. With no phone at hand, "Upload sample data" posts a realistic generated
// week (engine/health/sample-week.ts) in HealthKit's terms, as the iOS app would.

type Day = Schemas["HealthDay"];
type Readiness = Schemas["HealthReadiness"];

const hoursMinutes = (minutes: number | null) =>
  minutes === null
    ? "–"
    : `${Math.floor(minutes / 60)} h ${String(Math.round(minutes % 60)).padStart(2, "0")}`;
const number = (value: number | null, unit = "") =>
  value === null ? "–" : `${Math.round(value).toLocaleString("en")}${unit}`;

export function Health() {
  const [days, setDays] = useState<Day[]>([]);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [list, today] = await Promise.all([
      settle(api.GET("/v1/health/daily", { params: { query: { limit: 28 } } })),
      settle(api.GET("/v1/health/readiness")),
    ]);
    if (!list.ok) return setProblem(list.problem);
    if (!today.ok) return setProblem(today.problem);
    setDays([...list.data.items].reverse());
    setReadiness(today.data);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const uploadSample = async () => {
    setBusy(true);
    const profile = await settle(api.GET("/v1/profile"));
    const timezone = profile.ok ? (profile.data.timezone ?? "UTC") : "UTC";
    const week = generateSampleWeek({ platform: "healthkit", now: Date.now(), timezone });
    const outcome = await settle(api.POST("/v1/health/samples", { body: week }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    const { created, updated, unchanged, rejected } = outcome.data;
    setUploaded(
      `Uploaded ${week.samples.length} samples: ${created} new, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected.`,
    );
    await load();
  };

  const today = readiness?.readiness;
  return (
    <Screen title="Health">
      <ProblemNote problem={problem} />
      <div className="toolbar">
        <button type="button" onClick={uploadSample} disabled={busy}>
          Upload sample data
        </button>
        {uploaded && <output>{uploaded}</output>}
      </div>
      {today ? (
        <p className="lead">
          Readiness today: {today.score}/100 ({today.level}). {today.reason}
        </p>
      ) : (
        <p className="lead">No readiness yet: upload health data from a phone (or sample data).</p>
      )}
      {days.length > 0 && (
        <table>
          <caption>The last 28 days</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Steps</th>
              <th scope="col">Sleep</th>
              <th scope="col">Resting HR</th>
              <th scope="col">HRV</th>
              <th scope="col">Workouts</th>
              <th scope="col">Readiness</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{day.date}</th>
                <td>{number(day.steps)}</td>
                <td>{hoursMinutes(day.sleep_minutes)}</td>
                <td>{number(day.resting_heart_rate, " bpm")}</td>
                <td>
                  {number(day.hrv_ms, " ms")}
                  {day.hrv_kind ? ` (${day.hrv_kind.toUpperCase()})` : ""}
                </td>
                <td>
                  {day.workouts
                    .map(
                      (w) => `${w.workout_type.replaceAll("_", " ")} ${Math.round(w.minutes)} min`,
                    )
                    .join(", ") || "–"}
                </td>
                <td>{day.readiness ? `${day.readiness.score} (${day.readiness.level})` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Screen>
  );
}
