import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STORAGE_TABLES } from "../../durable-objects/storage/storage-tables";

describe("the actor's storage schema", () => {
  it("has exactly the tables and columns the code reads, as the frozen migrations build them", async () => {
    const stub = env.USER_ACTOR.getByName(`schema-test-${crypto.randomUUID()}`);
    const tables = await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      const names = sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
        )
        .toArray()
        .map((row) => row.name);
      return Object.fromEntries(
        names.map((name) => [
          name,
          sql
            .exec<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
            .toArray()
            .map((column) => column.name),
        ]),
      );
    });
    const sorted = (record: Record<string, readonly string[]>) =>
      Object.fromEntries(
        Object.entries(record).map(([table, columns]) => [table, [...columns].sort()]),
      );
    expect(sorted(tables)).toEqual(sorted(STORAGE_TABLES));
  });
});
