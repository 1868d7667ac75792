import { env } from "cloudflare:test";
import { call, json, type SignedUp, signUp } from "./helpers";

/** An operator: a user made admin in D1 (as scripts/admin-grant.ts does), then logged in. */
export async function signUpAdmin(): Promise<SignedUp> {
  const user = await signUp({ name: "Operator" });
  await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(user.userId).run();
  const login = await call("/v1/auth/login", {
    body: { email: user.email, password: user.password },
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  const body = await json(login);
  return { ...user, accessToken: body.access_token, refreshToken: body.refresh_token };
}

export interface AuditRow {
  admin_id: string;
  action: string;
  target_user_id: string | null;
  target: string | null;
  reason: string | null;
}

/** The audit entries one admin wrote, oldest first. */
export async function auditOf(adminId: string): Promise<AuditRow[]> {
  const rows = await env.DB.prepare(
    "SELECT admin_id, action, target_user_id, target, reason FROM admin_audit WHERE admin_id = ? ORDER BY created_at, rowid",
  )
    .bind(adminId)
    .all<AuditRow>();
  return rows.results;
}
