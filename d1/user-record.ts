import type { UserRow } from "./schema";

/** The user as the API shows it (snake_case on the wire). */
export interface UserRecord {
  id: string;
  email: string | null;
  name: string | null;
  email_verified: boolean;
  /** A new address waiting for verification, if the user asked to change it. */
  pending_email: string | null;
  account_status: "active" | "suspended" | "deleted";
  /** How the user signs in: a password here, or an identity provider (which owns the email). */
  sign_in_method: "password" | "identity_provider";
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
    pending_email: row.pendingEmail,
    account_status: row.accountStatus,
    sign_in_method: row.externalAuthId ? "identity_provider" : "password",
    onboarding_completed: row.onboardingCompleted,
    onboarding_completed_at: row.onboardingCompletedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
