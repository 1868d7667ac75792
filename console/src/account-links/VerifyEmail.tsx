import type { Schemas } from "@fitness-coach/client";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { type Outcome, type Problem, settle } from "../api/problems";
import { getSession, setSession } from "../api/session";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Link } from "../router";
import { linkToken } from "./token";

// Where the verification email's link lands (/verify-email?token=...): the address is verified
// as the page opens, signed in or not. A token works once, so each is sent once per page load.

const verifying = new Map<string, Promise<Outcome<Schemas["User"]>>>();

function verify(token: string) {
  let outcome = verifying.get(token);
  if (!outcome) {
    outcome = settle(api.POST("/v1/auth/email/verify", { body: { token } }));
    verifying.set(token, outcome);
  }
  return outcome;
}

export function VerifyEmail() {
  const [token] = useState(linkToken);
  const [user, setUser] = useState<Schemas["User"] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    if (!token) return;
    void verify(token).then((outcome) => {
      if (!outcome.ok) return setProblem(outcome.problem);
      setUser(outcome.data);
      const session = getSession();
      if (session?.user.id === outcome.data.id) setSession({ ...session, user: outcome.data });
    });
  }, [token]);

  return (
    <Screen title="Verify email">
      <div className="card narrow">
        {!token && <p>This page needs the link from the verification email.</p>}
        {token && !user && !problem && <p>Verifying…</p>}
        {user && (
          <p>
            <output>
              Your email address <strong>{user.email}</strong> is verified.
            </output>
          </p>
        )}
        <ProblemNote problem={problem} />
        <p>
          <Link to="/">Continue to the console</Link>
        </p>
      </div>
    </Screen>
  );
}
