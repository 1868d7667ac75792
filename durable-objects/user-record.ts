import type { UserRow } from "../worker/db/schema";

/** The user as the API shows it (snake_case on the wire). */
export interface UserRecord {
  id: string;
  email: string | null;
  name: string | null;
  email_verified: boolean;
  account_status: "active" | "suspended" | "deleted";
  onboarding_completed: boolean;
  onboarding_completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    email_verified: row.emailVerified,
    account_status: row.accountStatus,
    onboarding_completed: row.onboardingCompleted,
    onboarding_completed_at: row.onboardingCompletedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/**
 * The actor's copy of its user's row: memory first, then its SQLite (survives eviction),
 * then D1 (the system of record). Writes go through `store`, so the copy is never stale.
 */
export class UserRecordCache {
  #memory: UserRecord | null = null;

  constructor(private readonly sql: SqlStorage) {}

  get(): UserRecord | null {
    if (this.#memory) return this.#memory;
    const row = this.sql
      .exec<{ record: string }>("SELECT record FROM cached_user LIMIT 1")
      .toArray()[0];
    this.#memory = row ? (JSON.parse(row.record) as UserRecord) : null;
    return this.#memory;
  }

  store(record: UserRecord): void {
    this.sql.exec("DELETE FROM cached_user");
    this.sql.exec(
      "INSERT INTO cached_user (id, record, loaded_at) VALUES (?, ?, ?)",
      record.id,
      JSON.stringify(record),
      new Date().toISOString(),
    );
    this.#memory = record;
  }

  clear(): void {
    this.sql.exec("DELETE FROM cached_user");
    this.#memory = null;
  }
}
