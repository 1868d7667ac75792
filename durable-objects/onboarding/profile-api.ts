import { ok } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import { toProfileRecord } from "./profile-json";

/** `actor.profile(userId)`: the profile onboarding made, as the API shows it. */
export class ProfileApi extends ConcernApi {
  /** The profile record (the data export); null before onboarding is complete. */
  async get() {
    const stored = await this.modules.profile.get();
    return stored ? toProfileRecord(stored) : null;
  }

  /** The profile as JSON text and its version (GET /v1/profile sends it unchanged). */
  json() {
    return this.modules.profile.getJson();
  }

  /** Applies a validated patch; with `expectedVersion` only to that version (If-Match). */
  async patch(patch: Record<string, unknown>, expectedVersion?: number) {
    const patched = await this.modules.profile.patch(patch, expectedVersion);
    return patched.ok ? ok(toProfileRecord(patched.value)) : patched;
  }
}
