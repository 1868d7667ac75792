import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { getSession, setSession } from "../api/session";
import { PasswordField } from "../components/AccountFields";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Link } from "../router";
import { linkToken } from "./token";

// Where the reset email's link lands (/reset-password?token=...): a new password, then sign in.
// The reset signs every device out, this tab included.

export function ResetPassword() {
  const [token] = useState(linkToken);
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldMessages(problem, { new_password: "New password" });

  if (!token)
    return (
      <Screen title="Reset password">
        <p className="card narrow">
          This page needs the link from the reset email.{" "}
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </Screen>
    );

  if (done)
    return (
      <Screen title="Reset password">
        <div className="card narrow">
          <p>
            <output>Your password is changed, and every device is signed out.</output>
          </p>
          <p>
            <Link to="/">Sign in</Link> with the new password.
          </p>
        </div>
      </Screen>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await settle(
      api.POST("/v1/auth/password/reset", { body: { token, new_password: password } }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    if (getSession()) setSession(null);
    setDone(true);
  };

  return (
    <Screen title="Reset password">
      <form className="card narrow" onSubmit={submit} noValidate>
        <PasswordField
          label="New password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.new_password}
        />
        {problem?.code !== "validation_failed" && (
          <ProblemNote problem={problem}>
            {problem?.code === "invalid_reset_token" && (
              <p>
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            )}
          </ProblemNote>
        )}
        <button type="submit" disabled={busy}>
          Set new password
        </button>
      </form>
    </Screen>
  );
}
