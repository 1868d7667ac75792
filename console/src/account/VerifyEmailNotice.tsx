import { useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { useAccount } from "./use-account";
import "./account.css";

/**
 * While the account's address is not verified: what waits for it (voice, coach chat, more
 * than two programs a day, an email change all answer 403 `email_not_verified`) and a button
 * that mails the link again. Nothing for a verified address or an identity provider's account.
 */
export function VerifyEmailNotice() {
  const [user] = useAccount();
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  if (!user || user.email_verified || user.sign_in_method !== "password") return null;

  const resend = async () => {
    setProblem(null);
    const outcome = await settle(api.POST("/v1/auth/email/verification"));
    if (!outcome.ok) return setProblem(outcome.problem);
    setSent(true);
  };

  return (
    <aside className="notice" aria-label="Email not verified">
      <p>
        Your email address <strong>{user.email}</strong> is not verified yet. Voice calls, coach
        chat, more than two programs a day and changing the email wait for it: open the link we
        mailed you.
      </p>
      <button type="button" className="secondary" onClick={() => void resend()} disabled={sent}>
        Mail me a new link
      </button>
      {sent && (
        <p>
          <output>Sent: check your inbox (earlier links no longer work).</output>
        </p>
      )}
      <ProblemNote problem={problem} />
    </aside>
  );
}
