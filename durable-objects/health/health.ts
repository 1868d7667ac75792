import {
  BASELINE_DAYS,
  type Baseline,
  type Baselines,
  baselinesFor,
} from "../../engine/health/baselines";
import type { DailySummary } from "../../engine/health/daily-summary";
import { type IngestResult, ingestBatch, rebuildDay } from "../../engine/health/ingest";
import { calendarWindow, datesOfSample, localDateOf } from "../../engine/health/local-days";
import { type Readiness, readinessFromDays } from "../../engine/health/readiness";
import type { HealthBatch, HealthSample } from "../../engine/health/samples";
import { addDays } from "../../kernel/dates";
import type { Cursor, Page } from "../../kernel/pages";
import { encodeCursor } from "../../kernel/pages";
import { localDate } from "../../kernel/zoned";
import { SampleStore } from "./sample-store";

// The phone's health data in the user's actor (issue 33): an upload is applied in one storage
// transaction (engine/health/ingest.ts: update by platform id, tombstones, the later edit
// wins) and rebuilds the local days it touched, so a retried or reordered upload converges to
// the same days. Days are summed in the profile's timezone; when it changes, every day is
// summed again from the samples before the next read or upload.

export interface AppSession {
  start: number;
  end: number;
}

interface Deps {
  storage: DurableObjectStorage;
  timezone: () => Promise<string>;
  /**
   * This app's own workout sessions on the local dates [from, to], by date: a health workout
   * overlapping one is no extra load.
   */
  appSessions: (from: string, to: string) => Promise<Map<string, AppSession[]>>;
  /** Figures of today or yesterday changed: readiness (and what depends on it) may have too. */
  recentChanged: (readiness: Readiness | null) => Promise<void>;
}

export interface DayWithReadiness {
  summary: DailySummary;
  readiness: Readiness | null;
}

export class Health {
  constructor(private readonly deps: Deps) {}

  /** A store in the current zone, every day summed in it. */
  async #store(): Promise<{ store: SampleStore; timezone: string }> {
    const timezone = await this.deps.timezone();
    const store = new SampleStore(this.deps.storage.sql, timezone);
    if (store.hasDaysInOtherZone())
      this.deps.storage.transactionSync(() => {
        const dates = new Set<string>();
        for (const sample of store.allSamples())
          for (const date of datesOfSample(sample, timezone)) dates.add(date);
        store.clearDays();
        for (const date of dates) store.writeDay(date, rebuildDay(store, date, timezone));
      });
    return { store, timezone };
  }

  async ingest(batch: HealthBatch, now = Date.now()): Promise<IngestResult> {
    const { store, timezone } = await this.#store();
    const result = this.deps.storage.transactionSync(() =>
      ingestBatch(store, batch, { timezone, now }),
    );
    const today = localDate(timezone, new Date(now));
    if (result.dates.includes(today) || result.dates.includes(addDays(today, -1)))
      await this.deps.recentChanged(await this.readinessOn(today));
    return result;
  }

  /** A page of the days with data in [from, to], oldest first, each with its readiness. */
  async days(query: {
    from?: string;
    to?: string;
    limit: number;
    after?: Cursor;
  }): Promise<Page<DayWithReadiness>> {
    const { store, timezone } = await this.#store();
    const to = query.to ?? localDate(timezone);
    const from = query.from ?? addDays(to, -(BASELINE_DAYS - 1));
    const dates = store.datesPage(from, to, query.after?.sort ?? null, query.limit);
    const page = dates.slice(0, query.limit);
    const first = page[0];
    const last = page.at(-1);
    if (!first || !last) return { items: [], nextCursor: null };
    // Each day's readiness compares it with the 28 days before it.
    const summaries = store.days(addDays(first, -BASELINE_DAYS - 1), last);
    const byDate = new Map(summaries.map((s) => [s.date, s]));
    // One read of the app's sessions for the page: each day's load is judged on the day before.
    const sessions = await this.deps.appSessions(addDays(first, -1), last);
    const items = page.map((date) => ({
      summary: byDate.get(date) as DailySummary,
      readiness: readinessFromDays(
        summaries,
        date,
        timezone,
        sessions.get(addDays(date, -1)) ?? [],
      ),
    }));
    const more = dates.length > query.limit;
    return { items, nextCursor: more ? encodeCursor({ sort: last, id: last }) : null };
  }

  /** Readiness on a local date and the baselines it was judged against. */
  async readinessOn(date: string): Promise<Readiness | null> {
    return (await this.readinessWithBaselines(date)).readiness;
  }

  async readinessWithBaselines(
    date?: string,
  ): Promise<{ date: string; readiness: Readiness | null; baselines: Baselines }> {
    const { store, timezone } = await this.#store();
    const on = date ?? localDate(timezone);
    const summaries = store.days(addDays(on, -BASELINE_DAYS - 1), on);
    const yesterday = addDays(on, -1);
    const appSessions = (await this.deps.appSessions(yesterday, yesterday)).get(yesterday) ?? [];
    return {
      date: on,
      readiness: readinessFromDays(summaries, on, timezone, appSessions),
      baselines: baselinesFor(summaries, on),
    };
  }

  /**
   * Body weights from the phone in the local dates [from, to] after a cursor of the weight
   * series ((measured_at, id), the tracking list's order), up to `limit` + 1, with their date.
   */
  async weights(query: { from?: string; to?: string; limit: number; after?: Cursor }) {
    const { store, timezone } = await this.#store();
    const range = {
      start: query.from ? calendarWindow(query.from, timezone).start : Number.MIN_SAFE_INTEGER,
      end: query.to ? calendarWindow(query.to, timezone).end : Number.MAX_SAFE_INTEGER,
    };
    const after = query.after && { at: Date.parse(query.after.sort), id: query.after.id };
    return store
      .weightsPage(range, after ?? null, query.limit)
      .map((sample) => ({ sample, local_date: localDateOf(sample.start, timezone) }));
  }

  /** Today's active energy and its 28-day baseline (the opt-in calorie adjustment). */
  async activityToday(): Promise<{ active_energy_kcal: number | null; baseline: Baseline | null }> {
    const { store, timezone } = await this.#store();
    const today = localDate(timezone);
    const summaries = store.days(addDays(today, -BASELINE_DAYS), today);
    return {
      active_energy_kcal: summaries.find((s) => s.date === today)?.active_energy_kcal ?? null,
      baseline: baselinesFor(summaries, today).active_energy_kcal,
    };
  }

  /** Today's readiness in the user's zone (the coaching context, today's workout). */
  async readinessToday(): Promise<Readiness | null> {
    return this.readinessOn(localDate(await this.deps.timezone()));
  }

  /** A page of the stored samples by id (the account export; tombstones hold no data). */
  async samples(query: { limit: number; after?: Cursor }): Promise<Page<HealthSample>> {
    const { store } = await this.#store();
    const rows = store.samplesPage(query.after?.id ?? null, query.limit);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const more = rows.length > query.limit && last;
    return { items, nextCursor: more ? encodeCursor({ sort: last.id, id: last.id }) : null };
  }
}
