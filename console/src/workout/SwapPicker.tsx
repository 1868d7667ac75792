import type { Schemas } from "@fitness-coach/client";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { targetText } from "./targets";
import type { Units } from "./units";

// The rack is taken: the replacements for one exercise of today's session, best first, each
// with its own target; choosing one swaps it for today (the program's other weeks keep it).

type Alternative = Schemas["ExerciseAlternatives"]["items"][number];

export function SwapPicker(props: {
  exercise: { exercise_id: string; name: string };
  date: string;
  units: Units;
  onSwapped: (day: Schemas["TodayWorkout"]) => void;
  onClose: () => void;
}) {
  const [items, setItems] = useState<Alternative[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { exercise, date } = props;

  useEffect(() => {
    void (async () => {
      const listed = await settle(
        api.GET("/v1/programs/current/alternatives", {
          params: { query: { exercise_id: exercise.exercise_id, date } },
        }),
      );
      if (listed.ok) setItems(listed.data.items);
      else setProblem(listed.problem);
    })();
  }, [exercise.exercise_id, date]);

  const swap = async (replacement: Alternative) => {
    setBusy(true);
    const swapped = await settle(
      api.POST("/v1/programs/current/swaps", {
        body: {
          exercise_id: exercise.exercise_id,
          replacement_id: replacement.exercise_id,
          date,
          scope: "today",
        },
      }),
    );
    setBusy(false);
    if (swapped.ok) props.onSwapped(swapped.data.day);
    else setProblem(swapped.problem);
  };

  return (
    <section aria-label={`Replacements for ${exercise.name}`}>
      <h2>Instead of {exercise.name}</h2>
      <ProblemNote problem={problem} />
      {items?.length === 0 && <p>Nothing else fills this slot with your equipment.</p>}
      {items && items.length > 0 && (
        <ul className="alternatives">
          {items.map((item) => (
            <li key={item.exercise_id}>
              <button type="button" onClick={() => swap(item)} disabled={busy}>
                {item.name}
              </button>{" "}
              {targetText(item.suggested, props.units)}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={props.onClose}>
        Keep {exercise.name}
      </button>
    </section>
  );
}
