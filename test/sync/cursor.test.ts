import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeWrite } from "../../engine/sync/conflicts";
import { checkCursor, decodeSyncCursor, encodeSyncCursor } from "../../engine/sync/cursor";
import { DAY_MS } from "../../engine/sync/entities";

// Where a client stands in its change log, and when it must start over; and the conflict
// rules a push is judged by.

const NOW = Date.parse("2026-11-30T12:00:00Z");
const LOG = { epoch: "a1b2c3d4e5f6a7b8", head: 500, prunedThrough: 0 };

describe("the pull cursor", () => {
  it("reads back what it was made from, and is opaque text safe in a query string", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,40}$/),
        fc.nat({ max: 2 ** 50 }),
        fc.nat({ max: 2 ** 45 }),
        (epoch, seq, issuedAt) => {
          const text = encodeSyncCursor({ epoch, seq, issuedAt });
          expect(text).toMatch(/^sc1\.[A-Za-z0-9_-]+$/);
          expect(decodeSyncCursor(text)).toEqual({ epoch, seq, issuedAt });
        },
      ),
    );
  });

  it("is not mistaken for something we did not issue", () => {
    for (const raw of ["", "42", "sc1.", "sc1.!!", "2026-11-01|set_1", `sc1.${btoa("a.b.c")}`])
      expect(decodeSyncCursor(raw), raw).toBeNull();
  });

  it("continues after its seq while the log still holds what it has not seen", () => {
    const cursor = { epoch: LOG.epoch, seq: 120, issuedAt: NOW - 89 * DAY_MS };
    expect(checkCursor(cursor, LOG, NOW, 90)).toEqual({ ok: true, since: 120 });
    expect(checkCursor(null, LOG, NOW, 90)).toEqual({ ok: true, since: 0 });
  });

  it("expires once older than the tombstones are kept, or below a tombstone dropped for age", () => {
    const old = { epoch: LOG.epoch, seq: 120, issuedAt: NOW - 91 * DAY_MS };
    expect(checkCursor(old, LOG, NOW, 90)).toEqual({ ok: false, reason: "too_old" });
    const below = { epoch: LOG.epoch, seq: 120, issuedAt: NOW - DAY_MS };
    expect(checkCursor(below, { ...LOG, prunedThrough: 121 }, NOW, 90)).toEqual({
      ok: false,
      reason: "pruned",
    });
    // Having seen the dropped tombstone itself is enough.
    expect(checkCursor(below, { ...LOG, prunedThrough: 120 }, NOW, 90).ok).toBe(true);
  });

  it("expires when it belongs to another log or names a seq this log never gave", () => {
    const cursor = { epoch: "0000000000000000", seq: 1, issuedAt: NOW };
    expect(checkCursor(cursor, LOG, NOW, 90)).toEqual({ ok: false, reason: "other_log" });
    const ahead = { epoch: LOG.epoch, seq: 501, issuedAt: NOW };
    expect(checkCursor(ahead, LOG, NOW, 90)).toEqual({ ok: false, reason: "ahead_of_log" });
  });
});

describe("the conflict rules", () => {
  it("applies a change without a base version, or based on the current one", () => {
    expect(judgeWrite("change", undefined, { version: 3 })).toEqual({ apply: true });
    expect(judgeWrite("change", 3, { version: 3 })).toEqual({ apply: true });
  });

  it("refuses a change based on a version that is no longer current", () => {
    expect(judgeWrite("change", 2, { version: 3 })).toEqual({
      apply: false,
      reason: "version_conflict",
      currentVersion: 3,
    });
  });

  it("lets a deletion win over any correction, and a deleted record take no change", () => {
    expect(judgeWrite("delete", 1, { version: 5 })).toEqual({ apply: true });
    expect(judgeWrite("change", 5, null)).toEqual({ apply: false, reason: "not_found" });
    expect(judgeWrite("delete", undefined, null)).toEqual({ apply: false, reason: "not_found" });
  });
});
