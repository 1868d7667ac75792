import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, deriveRng, hashSeed } from "../../engine/coaching/rng";
import { RUNS, seedArb } from "./support";

describe("seeded random numbers", () => {
  it("repeats the same sequence for the same seed", () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
      { numRuns: RUNS },
    );
  });

  it("stays in [0, 1) and picks every index of small arrays", () => {
    const rng = createRng("spread");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      seen.add(rng.int(7));
    }
    expect(seen.size).toBe(7);
  });

  it("tells a string seed from the same digits as a number, and derives independent streams", () => {
    expect(hashSeed("42")).not.toBe(hashSeed(42));
    expect(deriveRng(1, "a").next()).not.toBe(deriveRng(1, "b").next());
  });

  it("shuffles into a permutation", () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.integer(), { maxLength: 30 }), (seed, items) => {
        const shuffled = createRng(seed).shuffle(items);
        expect([...shuffled].sort()).toEqual([...items].sort());
      }),
      { numRuns: RUNS },
    );
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });
});
