/**
 * One JSON document the actor caches (the user row, the profile...): memory first, then the
 * actor's SQLite (survives eviction), and the caller falls back to D1 on a miss. Writes go
 * through `store`, after the system of record was written, so the copy is never stale.
 */
export class CachedDocument<T> {
  #memory: T | null = null;
  #loaded = false;

  constructor(
    private readonly sql: SqlStorage,
    private readonly key: string,
  ) {}

  get(): T | null {
    if (this.#loaded) return this.#memory;
    const row = this.sql
      .exec<{ value: string }>("SELECT value FROM cached_documents WHERE key = ?", this.key)
      .toArray()[0];
    this.#memory = row ? (JSON.parse(row.value) as T) : null;
    this.#loaded = true;
    return this.#memory;
  }

  store(value: T): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO cached_documents (key, value, stored_at) VALUES (?, ?, ?)",
      this.key,
      JSON.stringify(value),
      new Date().toISOString(),
    );
    this.#memory = value;
    this.#loaded = true;
  }

  clear(): void {
    this.sql.exec("DELETE FROM cached_documents WHERE key = ?", this.key);
    this.#memory = null;
    this.#loaded = true;
  }
}
