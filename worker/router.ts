import type { Result, Router } from "hono/router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";

// Hono's default router, with its answers remembered by method and path. Our route table
// cannot use the RegExpRouter (GET /v1/programs/status/:job_id beside /v1/programs/:program_id
// is a shape it refuses), so the default falls back to the TrieRouter, whose search was the
// largest cost of our own code on a cached read (`npm run bench:profile`). A path's match
// never changes once the routes are added, and Hono only reads it.
const LIMIT = 2_000;

export class MemoRouter<T> implements Router<T> {
  readonly name = "MemoRouter";
  readonly #inner: Router<T> = new SmartRouter({
    routers: [new RegExpRouter(), new TrieRouter()],
  });
  readonly #matches = new Map<string, Result<T>>();

  add(method: string, path: string, handler: T): void {
    this.#matches.clear();
    this.#inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let result = this.#matches.get(key);
    if (!result) {
      result = this.#inner.match(method, path);
      // Paths carry ids, so the set is unbounded: start over rather than grow.
      if (this.#matches.size >= LIMIT) this.#matches.clear();
      this.#matches.set(key, result);
    }
    return result;
  }
}
