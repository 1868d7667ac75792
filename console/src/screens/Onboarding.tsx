import { useEffect, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { StepForm } from "../onboarding/StepForm";
import { sampleProfile } from "../onboarding/sample-profile";
import {
  convertUnits,
  emptyValues,
  fieldLabels,
  fieldRenames,
  fromSaved,
  STEPS,
  type StepName,
  type StepSpec,
  type StepValues,
  toBody,
  type Units,
} from "../onboarding/steps";
import { Link } from "../router";

// The eight onboarding steps (PUT /v1/onboarding/steps/{step}), then "Complete onboarding"
// (POST /v1/onboarding/complete). Saved steps come back from GET /v1/onboarding, so a
// half-done onboarding resumes where it stopped.

type PerStep<T> = Record<StepName, T>;
const perStep = <T,>(make: (step: StepSpec) => T) =>
  Object.fromEntries(STEPS.map((step) => [step.name, make(step)])) as PerStep<T>;

export function Onboarding({ onCompleted }: { onCompleted: () => void }) {
  const [values, setValues] = useState(() => perStep(emptyValues));
  const [saved, setSaved] = useState(() => perStep(() => false));
  const [errors, setErrors] = useState(() => perStep((): Record<string, string> => ({})));
  const [completed, setCompleted] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const units = (values.basics.unit_preference || "metric") as Units;

  useEffect(() => {
    void settle(api.GET("/v1/onboarding")).then((outcome) => {
      if (!outcome.ok) return setProblem(outcome.problem);
      const state = outcome.data;
      const savedUnits = (state.steps.find((s) => s.name === "basics")?.data?.unit_preference ??
        "metric") as Units;
      setCompleted(state.completed);
      setValues(
        perStep((step) => {
          const data = state.steps.find((s) => s.name === step.name)?.data;
          return data ? fromSaved(step, data, savedUnits) : emptyValues(step);
        }),
      );
      setSaved(
        perStep((step) => state.steps.some((s) => s.name === step.name && s.status === "saved")),
      );
    });
  }, []);

  const change = (step: StepName, name: string, value: string | string[] | boolean) => {
    setSaved((current) => ({ ...current, [step]: false }));
    setValues((current) => {
      if (step === "basics" && name === "unit_preference") {
        const to = value as Units;
        return {
          ...current,
          basics: convertUnits(
            STEPS[0] as StepSpec,
            { ...current.basics, [name]: value },
            units,
            to,
          ),
          goals: convertUnits(STEPS[1] as StepSpec, current.goals, units, to),
        };
      }
      return { ...current, [step]: { ...current[step], [name]: value } };
    });
  };

  /** Saves one step; true when the API accepted it. */
  const saveStep = async (step: StepSpec, stepValues: StepValues): Promise<boolean> => {
    const outcome = await settle(
      api.PUT("/v1/onboarding/steps/{step}", {
        params: { path: { step: step.name } },
        body: toBody(step, stepValues, units),
      }),
    );
    setErrors((current) => ({
      ...current,
      [step.name]: outcome.ok
        ? {}
        : fieldMessages(outcome.problem, fieldLabels(step), fieldRenames(step)),
    }));
    if (outcome.ok) {
      setSaved((current) => ({ ...current, [step.name]: true }));
      return true;
    }
    if (outcome.problem.code !== "validation_failed") setProblem(outcome.problem);
    return false;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    await work();
    setBusy(false);
  };

  const complete = () =>
    run(async () => {
      let allSaved = true;
      for (const step of STEPS)
        if (!saved[step.name]) allSaved = (await saveStep(step, values[step.name])) && allSaved;
      if (!allSaved) return;
      const outcome = await settle(api.POST("/v1/onboarding/complete"));
      if (!outcome.ok) return setProblem(outcome.problem);
      setCompleted(true);
      onCompleted();
    });

  // Until the saved steps arrive the form shows nothing to fill: a late answer would overwrite
  // what was typed (or the sample profile) with the saved state.
  if (completed === null)
    return (
      <Screen title="Onboarding">
        <ProblemNote problem={problem} />
        {!problem && <p>Loading the saved steps…</p>}
      </Screen>
    );

  if (completed)
    return (
      <Screen title="Onboarding">
        <p>
          Onboarding is complete. Next: <Link to="/program">generate a program</Link>.
        </p>
      </Screen>
    );

  const fillSample = () => {
    setValues(sampleProfile());
    setSaved(perStep(() => false));
    setErrors(perStep(() => ({})));
  };

  const savedCount = STEPS.filter((step) => saved[step.name]).length;
  return (
    <Screen title="Onboarding">
      <div className="toolbar">
        <p>
          {savedCount} of {STEPS.length} steps saved. Fields are checked by the API; its messages
          show beside them.
        </p>
        <button type="button" className="secondary" onClick={fillSample}>
          Use sample profile
        </button>
      </div>
      <ProblemNote problem={problem} />
      <div className="steps">
        {STEPS.map((step) => (
          <StepForm
            key={step.name}
            step={step}
            values={values[step.name]}
            units={units}
            errors={errors[step.name]}
            saved={saved[step.name]}
            busy={busy}
            onChange={(name, value) => change(step.name, name, value)}
            onSave={() => run(async () => void (await saveStep(step, values[step.name])))}
          />
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={complete} disabled={busy}>
          Complete onboarding
        </button>
      </div>
    </Screen>
  );
}
