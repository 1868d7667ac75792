import type { HealthBatch } from "../../engine/health/samples";
import type { Cursor } from "../../kernel/pages";
import { pageJson } from "../../kernel/pages";
import { ConcernApi } from "../front-door";
import { dayJson, readinessJson, sampleJson, uploadJson } from "./json";

/**
 * `actor.health(userId)`: the phone's health data (HealthKit, Health Connect): uploads, the
 * local days they sum to with their readiness, and today's readiness against the baselines.
 */
export class HealthApi extends ConcernApi {
  async upload(batch: HealthBatch) {
    return uploadJson(await this.modules.health.ingest(batch));
  }

  async days(query: { from?: string; to?: string; limit: number; after?: Cursor }) {
    return pageJson(await this.modules.health.days(query), dayJson);
  }

  /** A page of the stored samples (the account export). */
  async samples(query: { limit: number; after?: Cursor }) {
    return pageJson(await this.modules.health.samples(query), sampleJson);
  }

  async readiness(date?: string) {
    return readinessJson(await this.modules.health.readinessWithBaselines(date));
  }
}
