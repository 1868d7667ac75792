import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { EmailSetupNote } from "../capabilities/SetupNotes";
import { EmailField } from "../components/AccountFields";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Link } from "../router";

/** Asks for a password reset link (POST /v1/auth/password/forgot). */
export function ForgotPassword() {
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldMessages(problem, { email: "Email" });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await settle(api.POST("/v1/auth/password/forgot", { body: { email } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setSentTo(email.trim());
  };

  return (
    <Screen title="Forgot password">
      {sentTo ? (
        <div className="card narrow">
          {/* The same answer for every address: the API never says whether an account exists. */}
          <p>
            <output>
              If an account uses <strong>{sentTo}</strong>, an email with a link to set a new
              password is on its way. The link works once, for a short time.
            </output>
          </p>
          <p>
            <Link to="/">Back to sign in</Link>
          </p>
        </div>
      ) : (
        <form className="card narrow" onSubmit={submit} noValidate>
          <p>We will email you a link to set a new password.</p>
          <EmailField value={email} onChange={setEmail} error={errors.email} />
          {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Send reset link
            </button>
            <Link to="/">Back to sign in</Link>
          </div>
        </form>
      )}
      <EmailSetupNote />
    </Screen>
  );
}
