import type { Schemas } from "@fitness-coach/client";
import type { ChartConfiguration } from "chart.js";
import { useMemo } from "react";
import { labelOf } from "../components/Field";
import { formatWeight, type Units, weightUnit } from "../workout/units";
import { ChartCanvas } from "./ChartCanvas";

// The three Progress charts, each with its numbers in a table: weekly hard sets per muscle
// against the program's target, estimated 1RM per lift over time, body weight with its
// 7-day average. Loaded lazily with Chart.js when the Progress screen opens.

type ProgressData = Schemas["Progress"];
const COLOURS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777"];

interface Props {
  progress: ProgressData;
  units: Units;
  exerciseName: (id: string) => string;
}

export default function ProgressCharts({ progress, units, exerciseName }: Props) {
  return (
    <>
      <HardSets rows={progress.weekly_hard_sets} />
      <OneRepMax series={progress.estimated_1rm} units={units} exerciseName={exerciseName} />
      <BodyWeight points={progress.body_weight} units={units} />
    </>
  );
}

/**
 * A week's target in whole sets: a secondary muscle counts half a set, so the plan's sum can
 * be 12.5, which nobody trains; done sets keep their halves (they happened).
 */
const wholeSets = (target: number) => Math.round(target);

// Bars run sideways, one row per muscle, every label drawn (Chart.js skips labels that do not
// fit unless told not to; a row each always fits, the chart grows with the muscles).
const ROW_PX = 28;

function HardSets({ rows }: { rows: ProgressData["weekly_hard_sets"] }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: rows.map((row) => labelOf(row.muscle)),
        datasets: [
          { label: "Done", data: rows.map((row) => row.done), backgroundColor: COLOURS[0] },
          {
            label: "Target",
            data: rows.map((row) => wholeSets(row.target)),
            backgroundColor: "#cbd5e1",
          },
        ],
      },
      options: {
        indexAxis: "y",
        scales: {
          y: { ticks: { autoSkip: false } },
          x: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    }),
    [rows],
  );
  return (
    <section className="card chart-card" aria-labelledby="hard-sets">
      <h2 id="hard-sets">Hard sets this week</h2>
      {rows.length === 0 ? (
        <p>No sets logged and no program targets yet.</p>
      ) : (
        <>
          <ChartCanvas
            config={config}
            label="Bar chart of hard sets per muscle, done and target"
            height={rows.length * ROW_PX + 80}
          />
          <table>
            <caption>Hard sets per muscle, last 7 days</caption>
            <thead>
              <tr>
                <th scope="col">Muscle</th>
                <th scope="col">Done</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.muscle}>
                  <th scope="row">{labelOf(row.muscle)}</th>
                  <td>{row.done}</td>
                  <td>{wholeSets(row.target)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function OneRepMax({
  series,
  units,
  exerciseName,
}: {
  series: ProgressData["estimated_1rm"];
  units: Units;
  exerciseName: (id: string) => string;
}) {
  const unit = weightUnit(units);
  const dates = useMemo(
    () => [...new Set(series.flatMap((lift) => lift.series.map((p) => p.date)))].sort(),
    [series],
  );
  const config = useMemo<ChartConfiguration>(() => {
    return {
      type: "line",
      data: {
        labels: dates,
        datasets: series.map((lift, i) => {
          const byDate = new Map(
            lift.series.map((p) => [p.date, unit === "lb" ? (p.e1rm_lb ?? p.e1rm_kg) : p.e1rm_kg]),
          );
          return {
            label: exerciseName(lift.exercise_id),
            data: dates.map((date) => byDate.get(date) ?? null),
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
            spanGaps: true,
          };
        }),
      },
      options: { scales: { y: { title: { display: true, text: unit } } } },
    };
  }, [series, dates, unit, exerciseName]);
  return (
    <section className="card chart-card" aria-labelledby="e1rm">
      <h2 id="e1rm">Estimated 1RM</h2>
      {series.length === 0 ? (
        <p>No weighted sets of a main lift logged yet.</p>
      ) : (
        <>
          <ChartCanvas
            config={config}
            label="Line chart of estimated one-rep max per lift over time"
          />
          <table>
            <caption>Estimated 1RM per lift and day</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                {series.map((lift) => (
                  <th key={lift.exercise_id} scope="col">
                    {exerciseName(lift.exercise_id)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dates.map((date) => (
                <tr key={date}>
                  <th scope="row">{date}</th>
                  {series.map((lift) => {
                    const point = lift.series.find((p) => p.date === date);
                    return (
                      <td key={lift.exercise_id}>
                        {point ? formatWeight(point.e1rm_kg, point.e1rm_lb, units) : "–"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function BodyWeight({ points, units }: { points: ProgressData["body_weight"]; units: Units }) {
  const imperial = units === "imperial";
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "line",
      data: {
        labels: points.map((p) => p.date),
        datasets: [
          {
            label: "Weight",
            data: points.map((p) => (imperial ? (p.weight_lb ?? p.weight_kg) : p.weight_kg)),
            borderColor: COLOURS[0],
            backgroundColor: COLOURS[0],
            showLine: false,
          },
          {
            label: "7-day average",
            data: points.map((p) =>
              imperial ? (p.average_7d_lb ?? p.average_7d_kg) : p.average_7d_kg,
            ),
            borderColor: COLOURS[2],
            backgroundColor: COLOURS[2],
            pointRadius: 0,
          },
        ],
      },
    }),
    [points, imperial],
  );
  return (
    <section className="card chart-card" aria-labelledby="body-weight">
      <h2 id="body-weight">Body weight</h2>
      {points.length === 0 ? (
        <p>No body weight logged yet.</p>
      ) : (
        <>
          <ChartCanvas config={config} label="Line chart of body weight and its 7-day average" />
          <table>
            <caption>Body weight and 7-day average</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Weight</th>
                <th scope="col">7-day average</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{p.date}</th>
                  <td>{formatWeight(p.weight_kg, p.weight_lb, units)}</td>
                  <td>{formatWeight(p.average_7d_kg, p.average_7d_lb, units)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
