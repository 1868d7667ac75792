import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";

/** Runs SQL in the user's actor storage (inspection and time travel in tests). */
export async function actorSql<T extends Record<string, SqlStorageValue>>(
  userId: string,
  query: string,
  ...params: SqlStorageValue[]
): Promise<T[]> {
  return runInDurableObject(env.USER_ACTOR.getByName(userId), (_, state) =>
    state.storage.sql.exec<T>(query, ...params).toArray(),
  );
}

/** Makes a schedule due now (as if its time had come) and runs the alarm once. */
export async function fireSchedule(userId: string, key: string, runAt = Date.now() - 1000) {
  await runInDurableObject(env.USER_ACTOR.getByName(userId), async (_, state) => {
    state.storage.sql.exec("UPDATE schedules SET run_at = ? WHERE key = ?", runAt, key);
    await state.storage.setAlarm(Date.now() + 60_000);
  });
  return runDurableObjectAlarm(env.USER_ACTOR.getByName(userId));
}
