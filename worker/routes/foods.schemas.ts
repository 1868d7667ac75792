import { z } from "@hono/zod-openapi";
import { foodRecordSchema } from "../../engine/foods/food";
import { pageQuery } from "./common.schemas";

// One shape for every food (engine/foods/food.ts): built-in, USDA FoodData Central, Open Food
// Facts. Nutrients are per 100 g; a serving is grams with the label people know it by.

export const FoodSchema = foodRecordSchema.openapi("Food", {
  description:
    "A food from any source; `source: off` is Open Food Facts data (ODbL: credit it where shown).",
});

export const FoodSearchQuery = z
  .object({
    q: z.string().trim().min(1).max(100).openapi({ example: "chicken breast" }),
    ...pageQuery,
    limit: pageQuery.limit
      .pipe(z.number().max(50))
      .openapi({ description: "Items per page (1-50)." }),
  })
  .strict();

export const FoodSearchSchema = z
  .object({
    items: z.array(FoodSchema),
    next_cursor: z.string().nullable(),
    providers: z.object({
      fdc: z.enum(["fetched", "cached", "not_configured", "rate_limited", "unavailable"]).openapi({
        description:
          "What USDA FoodData Central added: `fetched` (asked now, cached), `cached` (its answer " +
          "from the cache), `not_configured` (no FDC_API_KEY: built-in and cached foods only), " +
          "`rate_limited` (over its limit: see `retry_after_seconds`), `unavailable`.",
      }),
      retry_after_seconds: z.number().int().optional(),
    }),
  })
  .openapi("FoodSearch");

export const BarcodeParam = z.object({
  ean: z
    .string()
    .max(20)
    .openapi({
      param: { name: "ean", in: "path" },
      example: "3017624010701",
      description: "EAN-8, UPC-A, EAN-13 or GTIN-14 digits as scanned.",
    }),
});
