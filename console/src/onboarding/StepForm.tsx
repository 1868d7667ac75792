import { ChoiceGroup, Field, labelOf } from "../components/Field";
import { type FieldSpec, labelWithUnit, type StepSpec, type StepValues, type Units } from "./steps";

// One onboarding step as a form: its fields, each with the API's message beside it.

interface StepFormProps {
  step: StepSpec;
  values: StepValues;
  units: Units;
  errors: Record<string, string>;
  saved: boolean;
  busy: boolean;
  onChange: (name: string, value: string | string[] | boolean) => void;
  onSave: () => void;
}

export function StepForm({
  step,
  values,
  units,
  errors,
  saved,
  busy,
  onChange,
  onSave,
}: StepFormProps) {
  const headingId = `step-${step.name}`;
  // A message for a field this form does not show (or for the whole body) still shows.
  const shown = new Set(step.fields.map((field) => field.name.split(".")[0]));
  const other = Object.entries(errors).filter(([field]) => !shown.has(field.split(".")[0]));
  return (
    <form
      className="card step"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <h2 id={headingId}>
        {step.title} <span className="badge">{saved ? "saved" : "not saved"}</span>
      </h2>
      {step.fields.map((field) => (
        <StepField
          key={field.name}
          field={field}
          label={labelWithUnit(field, units)}
          value={values[field.name]}
          error={errors[field.name]}
          onChange={(value) => onChange(field.name, value)}
        />
      ))}
      {other.map(([field, message]) => (
        <p key={field} className="field-error">
          {message}
        </p>
      ))}
      <button type="submit" className="secondary" disabled={busy}>
        Save {step.title.toLowerCase()}
      </button>
    </form>
  );
}

function StepField({
  field,
  label,
  value,
  error,
  onChange,
}: {
  field: FieldSpec;
  label: string;
  value: string | string[] | boolean | undefined;
  error: string | undefined;
  onChange: (value: string | string[] | boolean) => void;
}) {
  if (field.kind === "choices")
    return (
      <ChoiceGroup
        legend={label}
        options={field.options}
        selected={Array.isArray(value) ? value : []}
        onChange={onChange}
        error={error}
      />
    );
  if (field.kind === "checkbox")
    return (
      <div className="field field-check">
        <label>
          <input
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
        {error && <span className="field-error">{error}</span>}
      </div>
    );
  const text = typeof value === "string" ? value : "";
  return (
    <Field label={label} error={error} hint={"hint" in field ? field.hint : undefined}>
      {(control) =>
        field.kind === "select" ? (
          <select {...control} value={text} onChange={(event) => onChange(event.target.value)}>
            {(field.optional || text === "") && <option value="">(none)</option>}
            {field.options.map((option) => (
              <option key={option} value={option}>
                {labelOf(option)}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...control}
            type={field.kind === "time" ? "time" : "text"}
            inputMode={field.kind === "number" ? "decimal" : undefined}
            value={text}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}
