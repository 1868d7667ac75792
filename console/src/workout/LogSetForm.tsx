import type { Schemas, SyncOpResult, SyncStatus } from "@fitness-coach/client";
import { useEffect, useState } from "react";
import { type FieldLabels, fieldMessages } from "../api/field-messages";
import type { Problem } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { onSync, setSync } from "./set-sync";
import { numberFrom, type Units, weightUnit } from "./units";

// "Log set": reps, weight in the user's units and reps in reserve for one exercise of the
// session, queued as a `set.log` op of the sync helper (set-sync.ts): logged offline, it is
// sent when the API is back, once (its op_id and client_id stay with it). The set shows in the
// list when the pull brings it back; a refused one (422, 404) shows its problem here.

const LABELS: FieldLabels = {
  exercise_id: { label: "Exercise", choose: true },
  reps: "Reps",
  weight: "Weight",
  rir: "RIR",
};

type Exercise = NonNullable<Schemas["TodayWorkout"]["session"]>["exercises"][number];

interface LogSetFormProps {
  sessionId: string;
  exercises: Exercise[];
  units: Units;
}

/** A refused op's problem, its fields named as the REST route names them (`data.reps` -> `reps`). */
function refusal(result: SyncOpResult): Problem {
  const error = result.error ?? { code: "unexpected_response", message: "The set was refused." };
  const details = Array.isArray(error.details)
    ? error.details.map((detail: { field: string }) => ({
        ...detail,
        field: detail.field.replace(/^data\./, ""),
      }))
    : error.details;
  return { ...error, details, request_id: "", status: result.status } as Problem;
}

export function LogSetForm({ sessionId, exercises, units }: LogSetFormProps) {
  const [exerciseId, setExerciseId] = useState(exercises[0]?.exercise_id ?? "");
  const [reps, setReps] = useState("");
  const [weight, setWeight] = useState("");
  const [rir, setRir] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const unit = weightUnit(units);
  const errors = fieldMessages(problem, LABELS, { weight_kg: "weight", weight_lb: "weight" });

  useEffect(() => {
    const sync = setSync();
    if (!sync) return;
    setStatus(sync.status());
    const unsubscribe = sync.subscribe(setStatus);
    const unheard = onSync({
      results: (answers) => {
        const refused = answers.filter(
          ({ op, result }) => op.type === "set.log" && result.status >= 400,
        );
        const last = refused.at(-1);
        if (last) setProblem(refusal(last.result));
      },
    });
    return () => {
      unsubscribe();
      unheard();
    };
  }, []);

  const submit = async () => {
    const sync = setSync();
    if (!sync) return;
    setProblem(null);
    await sync.enqueue({
      type: "set.log",
      data: {
        session_id: sessionId,
        client_id: crypto.randomUUID(),
        exercise_id: exerciseId,
        reps: numberFrom(reps),
        ...(weight.trim() !== "" &&
          (unit === "lb" ? { weight_lb: numberFrom(weight) } : { weight_kg: numberFrom(weight) })),
        ...(rir.trim() !== "" && { rir: numberFrom(rir) }),
      },
    });
  };

  return (
    <form
      className="card log-set"
      aria-label="Log a set"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label="Exercise" error={errors.exercise_id}>
        {(control) => (
          <select {...control} value={exerciseId} onChange={(e) => setExerciseId(e.target.value)}>
            {exercises.map((exercise) => (
              <option key={exercise.exercise_id} value={exercise.exercise_id}>
                {exercise.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reps" error={errors.reps}>
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            value={reps}
            onChange={(e) => setReps(e.target.value)}
          />
        )}
      </Field>
      <Field label={`Weight (${unit})`} error={errors.weight}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={weight}
            onChange={(e) => setWeight(e.target.value)}
          />
        )}
      </Field>
      <Field label="RIR" hint="reps in reserve" error={errors.rir}>
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            value={rir}
            onChange={(e) => setRir(e.target.value)}
          />
        )}
      </Field>
      {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
      {status && status.pending > 0 && (
        <p>
          <output aria-label="Waiting sets">
            {status.pending} {status.pending === 1 ? "set" : "sets"} waiting
            {status.failures > 0 ? ": the API cannot be reached, sent when it is back" : ""}
          </output>
        </p>
      )}
      <button type="submit">Log set</button>
    </form>
  );
}
