import type { Schemas } from "@fitness-coach/client";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { BodyWeightForm } from "../progress/BodyWeightForm";
import { formatWeight, type Units } from "../workout/units";

// Progress (GET /v1/progress): adherence and streak, personal records, and the charts.

const ProgressCharts = lazy(() => import("../progress/ProgressCharts"));

export function Progress() {
  const [progress, setProgress] = useState<Schemas["Progress"] | null>(null);
  const [units, setUnits] = useState<Units>("metric");
  const [names, setNames] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    const [answer, profile] = await Promise.all([
      settle(api.GET("/v1/progress")),
      settle(api.GET("/v1/profile")),
    ]);
    if (profile.ok) setUnits(profile.data.unit_preference);
    if (!answer.ok) return setProblem(answer.problem);
    setProgress(answer.data);
    // Progress names exercises by id; the catalog has their names.
    const ids = new Set([
      ...answer.data.estimated_1rm.map((lift) => lift.exercise_id),
      ...answer.data.personal_records.map((record) => record.exercise_id),
    ]);
    const found = await Promise.all(
      [...ids].map((id) => api.GET("/v1/exercises/{id}", { params: { path: { id } } })),
    );
    setNames(Object.fromEntries(found.flatMap(({ data }) => (data ? [[data.id, data.name]] : []))));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const exerciseName = useCallback((id: string) => names[id] ?? id, [names]);
  const week = progress?.adherence.last_7_days;
  return (
    <Screen title="Progress">
      <ProblemNote problem={problem} />
      <BodyWeightForm units={units} onLogged={() => void load()} />
      {progress && week && (
        <>
          <p className="lead">
            Last 7 days: {week.done} of {week.planned} planned sessions done · streak{" "}
            {progress.streak.current} (longest {progress.streak.longest})
          </p>
          {progress.personal_records.length > 0 && (
            <table>
              <caption>Personal records</caption>
              <thead>
                <tr>
                  <th scope="col">Lift</th>
                  <th scope="col">Best e1RM</th>
                  <th scope="col">Heaviest set</th>
                </tr>
              </thead>
              <tbody>
                {progress.personal_records.map((record) => (
                  <tr key={record.exercise_id}>
                    <th scope="row">{exerciseName(record.exercise_id)}</th>
                    <td>{formatWeight(record.e1rm_kg, record.e1rm_lb, units)}</td>
                    <td>
                      {formatWeight(record.heaviest_kg, record.heaviest_lb, units)} ×{" "}
                      {record.heaviest_reps}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Suspense fallback={<p>Loading charts…</p>}>
            <div className="charts">
              <ProgressCharts progress={progress} units={units} exerciseName={exerciseName} />
            </div>
          </Suspense>
        </>
      )}
    </Screen>
  );
}
