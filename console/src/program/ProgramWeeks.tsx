import type { Schemas } from "@fitness-coach/client";
import { labelOf } from "../components/Field";

// A program as the user reads it: weeks (the first open), each with its training days.

type Program = Schemas["Program"];
export type PlannedDay = Program["weeks"][number]["days"][number];

export function ProgramWeeks({ program }: { program: Program }) {
  return (
    <div className="weeks">
      {program.weeks.map((week) => (
        <details key={week.week} open={week.week === 1} className="week">
          <summary>
            Week {week.week}
            {week.deload && <span className="badge">deload</span>}
          </summary>
          <div className="days">
            {week.days.map((day) => (
              <DayCard key={day.weekday} day={day} />
            ))}
          </div>
        </details>
      ))}
    </div>
  );
}

export function DayCard({ day, heading = "h3" }: { day: PlannedDay; heading?: "h2" | "h3" }) {
  const Heading = heading;
  return (
    <article className="card day">
      <Heading>
        {day.weekday.toUpperCase()} · {labelOf(day.focus)}{" "}
        <span className="muted">~{day.estimated_minutes} min</span>
      </Heading>
      <ul className="exercises">
        {day.exercises.map((exercise) => (
          <li key={exercise.exercise_id}>
            <span>{exercise.name}</span>{" "}
            <span className="muted">
              {exercise.sets} × {exercise.rep_min}–{exercise.rep_max} @ RIR {exercise.target_rir}
            </span>
          </li>
        ))}
      </ul>
    </article>
  );
}
