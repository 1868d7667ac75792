import { Field } from "./Field";

// The email and password fields of the account forms (sign in, forgot, reset), the same
// everywhere so password managers recognise them.

interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

export function EmailField({ value, onChange, error }: TextFieldProps) {
  return (
    <Field label="Email" error={error}>
      {(control) => (
        <input
          {...control}
          type="email"
          autoComplete="username"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A password; a new one (signup, reset) says the API's rules. */
export function PasswordField({
  label,
  autoComplete,
  value,
  onChange,
  error,
}: TextFieldProps & { label: string; autoComplete: "current-password" | "new-password" }) {
  return (
    <Field label={label} error={error} hint="10 to 128 characters, with a letter and a digit.">
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
