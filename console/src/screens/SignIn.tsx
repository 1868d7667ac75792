import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { sessionFrom, setSession } from "../api/session";
import { EmailField, PasswordField } from "../components/AccountFields";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Link } from "../router";

/** Sign up or sign in with email and password (POST /v1/auth/signup, /v1/auth/login). */
export function SignIn() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldMessages(problem, { email: "Email", password: "Password" });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const route = submitter?.value === "signup" ? "/v1/auth/signup" : "/v1/auth/login";
    setBusy(true);
    const outcome = await settle(api.POST(route, { body: { email, password } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setSession(sessionFrom(outcome.data));
  };

  return (
    <Screen title="Sign in">
      <p className="lead">
        The developer console of the Fitness Coach API: everything here goes through the same API
        the apps call.
      </p>
      <form className="card narrow" onSubmit={submit} noValidate>
        <EmailField value={email} onChange={setEmail} error={errors.email} />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
        {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
        <div className="actions">
          <button type="submit" name="action" value="login" disabled={busy}>
            Sign in
          </button>
          <button type="submit" name="action" value="signup" className="secondary" disabled={busy}>
            Sign up
          </button>
          <Link to="/forgot-password">Forgot password?</Link>
        </div>
      </form>
    </Screen>
  );
}
