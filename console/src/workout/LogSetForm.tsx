import type { Schemas } from "@fitness-coach/client";
import { useRef, useState } from "react";
import { api } from "../api/client";
import { type FieldLabels, fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { numberFrom, type Units, weightUnit } from "./units";

// "Log set": reps, weight in the user's units and reps in reserve for one exercise of the
// session (POST /v1/workouts/sessions/{id}/sets). The set's client_id is kept until the API
// accepted it, so pressing "Log set" again after a lost answer does not log it twice.

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
  onLogged: (set: Schemas["WorkoutSet"]) => void;
}

export function LogSetForm({ sessionId, exercises, units, onLogged }: LogSetFormProps) {
  const [exerciseId, setExerciseId] = useState(exercises[0]?.exercise_id ?? "");
  const [reps, setReps] = useState("");
  const [weight, setWeight] = useState("");
  const [rir, setRir] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const clientId = useRef<string | null>(null);
  const unit = weightUnit(units);
  const errors = fieldMessages(problem, LABELS, { weight_kg: "weight", weight_lb: "weight" });

  const submit = async () => {
    clientId.current ??= crypto.randomUUID();
    setBusy(true);
    const outcome = await settle(
      api.POST("/v1/workouts/sessions/{id}/sets", {
        params: { path: { id: sessionId } },
        body: {
          client_id: clientId.current,
          exercise_id: exerciseId,
          reps: numberFrom(reps),
          ...(weight.trim() !== "" &&
            (unit === "lb"
              ? { weight_lb: numberFrom(weight) }
              : { weight_kg: numberFrom(weight) })),
          ...(rir.trim() !== "" && { rir: numberFrom(rir) }),
        },
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    clientId.current = null;
    setProblem(null);
    onLogged(outcome.data);
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
      <button type="submit" disabled={busy}>
        Log set
      </button>
    </form>
  );
}
