import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { settle } from "../api/problems";
import { getSession, setSession } from "../api/session";

export type User = Schemas["User"];

/**
 * The signed-in account as the API has it now (GET /v1/me), not as it was at sign-in: an
 * address verified from the mail, or a pending change, shows without signing in again. The
 * session's copy is kept in step.
 */
export function useAccount(): [User | null, (user: User) => void] {
  const [user, setUser] = useState<User | null>(getSession()?.user ?? null);
  const update = useCallback((next: User) => {
    setUser(next);
    const session = getSession();
    if (session) setSession({ ...session, user: next });
  }, []);
  useEffect(() => {
    void settle(api.GET("/v1/me")).then((outcome) => {
      if (outcome.ok) update(outcome.data);
    });
  }, [update]);
  return [user, update];
}
