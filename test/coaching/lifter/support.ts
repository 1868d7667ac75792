import fc from "fast-check";
import {
  DEFAULT_LOAD_INCREMENTS,
  type LoadIncrements,
} from "../../../engine/lifter/load-increments";

// Arbitraries for the lifter's-loop property tests.

export const METRIC = DEFAULT_LOAD_INCREMENTS.metric;
export const IMPERIAL = DEFAULT_LOAD_INCREMENTS.imperial;

/** Real-world equipment: the listed plate and step sizes of kg and lb gyms, any combination. */
export const incrementsArb: fc.Arbitrary<LoadIncrements> = fc.oneof(
  fc.record({
    unit: fc.constant("kg" as const),
    bar_weight: fc.constantFrom(20, 15, 10, 7),
    smallest_plate: fc.constantFrom(0.25, 0.5, 1, 1.25, 2.5, 5),
    ez_bar_weight: fc.constantFrom(7, 8, 10, 12),
    dumbbell_step: fc.constantFrom(1, 2, 2.5, 5),
    kettlebell_step: fc.constantFrom(2, 4, 8),
    stack_step: fc.constantFrom(2.5, 4.5, 5, 7, 10),
  }),
  fc.record({
    unit: fc.constant("lb" as const),
    bar_weight: fc.constantFrom(45, 35, 33, 15),
    smallest_plate: fc.constantFrom(1.25, 2.5, 5, 10),
    ez_bar_weight: fc.constantFrom(15, 20, 25),
    dumbbell_step: fc.constantFrom(2.5, 5, 10),
    kettlebell_step: fc.constantFrom(5, 9, 10),
    stack_step: fc.constantFrom(5, 7.5, 10, 15, 20),
  }),
);
