import { useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { numberFrom, type Units, weightUnit } from "../workout/units";

/** Logs today's body weight in the user's units (POST /v1/body/weight). */
export function BodyWeightForm({ units, onLogged }: { units: Units; onLogged: () => void }) {
  const [weight, setWeight] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const unit = weightUnit(units);
  const errors = fieldMessages(
    problem,
    { weight: "Body weight" },
    { weight_kg: "weight", weight_lb: "weight" },
  );

  const submit = async () => {
    const value = numberFrom(weight);
    const outcome = await settle(
      api.POST("/v1/body/weight", {
        body: {
          client_id: crypto.randomUUID(),
          ...(unit === "lb" ? { weight_lb: value } : { weight_kg: value }),
        },
      }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setWeight("");
    onLogged();
  };

  return (
    <form
      className="inline-form"
      aria-label="Log body weight"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label={`Body weight (${unit})`} error={errors.weight}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={weight}
            onChange={(e) => setWeight(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="secondary">
        Log weight
      </button>
      {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
    </form>
  );
}
