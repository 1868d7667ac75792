import { useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";

/**
 * The page of the link in the notice an email change sends to the old address
 * (/cancel-email-change?token=...): one button that drops the change, signed in or not.
 */
export function CancelEmailChange() {
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const cancel = async () => {
    setProblem(null);
    const outcome = await settle(api.POST("/v1/auth/email/cancel", { body: { token } }));
    if (!outcome.ok) return setProblem(outcome.problem);
    setDone(true);
  };

  return (
    <Screen title="Cancel email change">
      {done ? (
        <p>
          <output>
            The change is cancelled: your account keeps this address. If you did not ask for it,
            change your password now (that signs every device out).
          </output>
        </p>
      ) : (
        <>
          <p className="lead">
            Someone signed in to your account asked to move it to another email address.
          </p>
          <button type="button" onClick={() => void cancel()}>
            Cancel the email change
          </button>
        </>
      )}
      <ProblemNote problem={problem} />
    </Screen>
  );
}
