import type { StepName } from "../../engine/onboarding/steps";
import { ok } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import { toProfileRecord } from "./profile-json";

/** `actor.onboarding(userId)`: the onboarding steps, until they make the profile. */
export class OnboardingApi extends ConcernApi {
  /** The state (the data export). */
  get() {
    return this.modules.onboarding.current();
  }

  /** The state as JSON text (GET /v1/onboarding sends it unchanged). */
  json() {
    return this.modules.onboarding.currentJson();
  }

  /**
   * Saves one validated, normalised step; durable before this returns (one SQLite write).
   * Answers the new state as JSON text, which the route sends unchanged.
   */
  saveStep(step: StepName, data: Record<string, unknown>) {
    return this.modules.onboarding.saveStep(step, data);
  }

  /** Writes the profile from the steps (idempotent): the profile as the API shows it. */
  async complete() {
    const profile = await this.modules.profile.complete();
    return profile.ok ? ok(toProfileRecord(profile.value)) : profile;
  }
}
