import { type FormEvent, useState } from "react";
import { api } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { setSession } from "../api/session";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { navigate } from "../router";
import { type User, useAccount } from "./use-account";
import { VerifyEmailNotice } from "./VerifyEmailNotice";
import "./account.css";

// The account itself: its address (verified or not, a change pending), signing out every
// device, and deleting it. What a stolen access token alone must not do (change the address,
// delete the account) asks for the current password here, as the API does.

export function AccountScreen() {
  const [user, setUser] = useAccount();
  if (!user) return null;
  return (
    <Screen title="Account">
      <VerifyEmailNotice />
      <EmailSection user={user} onChanged={setUser} />
      <SignOutEverywhere />
      <DeleteAccount user={user} />
    </Screen>
  );
}

/** After the account is gone or every session ended: back to the sign-in screen. */
function signedOut() {
  setSession(null);
  navigate("/");
}

function PasswordField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field label="Current password" error={error}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function EmailSection({ user, onChanged }: { user: User; onChanged: (user: User) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldMessages(problem, {
    email: "New email",
    current_password: "Current password",
  });

  const change = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    // An empty password is left out: the API then says it is required, by name.
    const confirm = password ? { current_password: password } : {};
    const outcome = await settle(api.PATCH("/v1/me", { body: { email, ...confirm } }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setEmail("");
    setPassword("");
    onChanged(outcome.data);
  };

  const cancel = async () => {
    setProblem(null);
    const outcome = await settle(api.PATCH("/v1/me", { body: { email: null } }));
    if (!outcome.ok) return setProblem(outcome.problem);
    onChanged(outcome.data);
  };

  return (
    <section className="account-section" aria-labelledby="account-email">
      <h2 id="account-email">Email</h2>
      <p>
        <strong>{user.email}</strong>{" "}
        <span className="badge">{user.email_verified ? "verified" : "not verified"}</span>
      </p>
      {user.pending_email && (
        <div className="notice">
          <p>
            Changing to <strong>{user.pending_email}</strong>: open the link we sent there to
            finish.
          </p>
          <button type="button" className="secondary" onClick={() => void cancel()}>
            Cancel the change
          </button>
        </div>
      )}
      {user.sign_in_method === "password" ? (
        <form className="card narrow" onSubmit={change} noValidate aria-label="Change email">
          <Field label="New email" error={errors.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <PasswordField value={password} onChange={setPassword} error={errors.current_password} />
          {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Change email
            </button>
          </div>
        </form>
      ) : (
        <p>Your identity provider manages this address.</p>
      )}
    </section>
  );
}

function SignOutEverywhere() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const signOutAll = async () => {
    const outcome = await settle(api.POST("/v1/auth/logout", { body: { all: true } }));
    if (!outcome.ok) return setProblem(outcome.problem);
    signedOut();
  };
  return (
    <section className="account-section" aria-labelledby="account-sessions">
      <h2 id="account-sessions">Devices</h2>
      <p>Signs out every device and browser signed in to this account, this one included.</p>
      <button type="button" className="secondary" onClick={() => void signOutAll()}>
        Sign out everywhere
      </button>
      <ProblemNote problem={problem} />
    </section>
  );
}

function DeleteAccount({ user }: { user: User }) {
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldMessages(problem, { current_password: "Current password" });
  const withPassword = user.sign_in_method === "password";

  const remove = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const confirm = withPassword && password ? { current_password: password } : {};
    const outcome = await settle(api.DELETE("/v1/me", { body: confirm }));
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    signedOut();
  };

  return (
    <section className="account-section" aria-labelledby="account-delete">
      <h2 id="account-delete">Delete the account</h2>
      <p>
        Erases everything held about you: profile, programs, logs, calls, chats. It cannot be
        undone.
        {!withPassword && " Sign in with your identity provider again just before."}
      </p>
      <form className="card narrow" onSubmit={remove} noValidate aria-label="Delete the account">
        {withPassword && (
          <PasswordField value={password} onChange={setPassword} error={errors.current_password} />
        )}
        {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            Delete my account
          </button>
        </div>
      </form>
    </section>
  );
}
