import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { auditOf, signUpAdmin } from "./admin-helpers";
import { call, json, signUp } from "./helpers";

// Operators cannot lock themselves out, and their audit keeps who was looked at by id, never
// by email (issue 26, lower items). This file's D1 holds only the admins its test makes.

const post = (path: string, token: string, body: unknown = { reason: "Ticket 7" }) =>
  call(path, { method: "POST", token, body });

describe("the last active admin", () => {
  it("cannot be suspended, by another admin or by themselves", async () => {
    const first = await signUpAdmin();
    const second = await signUpAdmin();
    expect((await post(`/admin/users/${second.userId}/suspend`, first.accessToken)).status).toBe(
      200,
    );
    const self = await post(`/admin/users/${first.userId}/suspend`, first.accessToken);
    expect(self.status).toBe(409);
    expect((await json(self)).error.code).toBe("last_admin");
    expect((await call("/v1/me", { token: first.accessToken })).status).toBe(200);
    // Reinstated, the second admin may be the one suspended again.
    await post(`/admin/users/${second.userId}/unsuspend`, first.accessToken);
    expect((await post(`/admin/users/${first.userId}/suspend`, first.accessToken)).status).toBe(
      200,
    );
  });
});

describe("the audit", () => {
  it("records a search by email as the ids it found, never the address", async () => {
    const user = await signUp();
    const admin = await signUpAdmin();
    const query = user.email.slice(0, 16);
    await call(`/admin/users?q=${encodeURIComponent(query)}`, { token: admin.accessToken });
    const [entry] = await auditOf(admin.userId);
    expect(entry).toMatchObject({ action: "users.search", target: user.userId });
    expect(JSON.stringify(await auditOf(admin.userId))).not.toContain(query);
  });

  it("loses a deleted user's email where older entries held it", async () => {
    const user = await signUp();
    const admin = await signUpAdmin();
    // Entries written before the audit kept ids only: the address and a prefix of it.
    for (const target of [user.email, user.email.slice(0, 10).toUpperCase()])
      await env.DB.prepare(
        "INSERT INTO admin_audit (id, admin_id, action, target) VALUES (?, ?, 'users.search', ?)",
      )
        .bind(crypto.randomUUID(), admin.userId, target)
        .run();
    // Deleted on the user's request by an operator: the same erasure as DELETE /v1/me.
    const deleted = await post(`/admin/users/${user.userId}/delete`, admin.accessToken, {
      reason: "Ticket 8: deletion by email",
    });
    expect(deleted.status).toBe(200);
    const rows = JSON.stringify(await auditOf(admin.userId)).toLowerCase();
    expect(rows).not.toContain(user.email.slice(0, 10));
  });
});
