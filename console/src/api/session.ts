import type { Schemas } from "@fitness-coach/client";

// Who is signed in: the token pair and the user, in memory and in sessionStorage (so a reload
// keeps the session, a closed tab forgets it). Nothing is ever written to localStorage.

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: Schemas["User"];
}

const STORAGE_KEY = "fitness-coach-console.session";
const listeners = new Set<() => void>();
let current: Session | null = readStored();

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export function sessionFrom(auth: Schemas["AuthResponse"]): Session {
  return {
    accessToken: auth.access_token,
    refreshToken: auth.refresh_token,
    user: auth.user,
  };
}

/** For useSyncExternalStore. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The `role` claim of the access token (`admin` for operators): what the console shows, never
 * what it is allowed to do; the server checks the role on every /admin call. The token is the
 * API's own JWT; its payload is read, not verified (the console holds no key).
 */
export function roleOf(session: Session | null): "admin" | "user" {
  const payload = session?.accessToken.split(".")[1];
  if (!payload) return "user";
  try {
    const base64 = payload.replaceAll("-", "+").replaceAll("_", "/");
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="))) as {
      role?: unknown;
    };
    return claims.role === "admin" ? "admin" : "user";
  } catch {
    return "user";
  }
}
