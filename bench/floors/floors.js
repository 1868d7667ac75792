// The bench's floors: the least a Worker can do for each kind of route, served by the same
// harness as ours, so every row reads as a ratio to what the runtime itself costs.
// F0 /f0: hello world, nothing else (no-op, health and auth-only routes compare to it).
// F1 /f1: one RPC to a Durable Object for a value it holds in memory (the actor's reads).
// F2 /f2: one RPC that does one SQLite upsert in a SQLite-backed object (durable writes).
// F0+ /f0+, F1+ /f1+, F2+ /f2+: the same, served with the two platform pieces our Worker's
// config puts on every authenticated request: the static-assets router in front of the Worker
// (run_worker_first) and one call of the per-user Rate Limiting binding (bench/lib/floors.mjs
// serves them from a config with both). Locally both are Miniflare simulations (the limiter is
// a Durable Object writing SQLite), far dearer than the floor itself.
// One object for all requests, as the bench's routes load one user's actor.
import { DurableObject } from "cloudflare:workers";

export class FloorActor extends DurableObject {
  #reads = 0;

  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS counter (k TEXT PRIMARY KEY, v INTEGER)");
  }

  read() {
    this.#reads += 1;
    return { reads: this.#reads };
  }

  write() {
    const row = this.ctx.storage.sql
      .exec(
        "INSERT INTO counter (k, v) VALUES ('n', 1) ON CONFLICT (k) DO UPDATE SET v = v + 1 RETURNING v",
      )
      .one();
    return { writes: row.v };
  }
}

const actor = (env) => env.FLOOR.get(env.FLOOR.idFromName("floor"));

export default {
  async fetch(request, env) {
    let { pathname } = new URL(request.url);
    if (pathname.endsWith("+")) {
      const { success } = await env.LIMIT.limit({ key: "floor" });
      if (!success) return new Response("limited", { status: 429 });
      pathname = pathname.slice(0, -1);
    }
    if (pathname === "/f1") return Response.json(await actor(env).read());
    if (pathname === "/f2") return Response.json(await actor(env).write());
    return Response.json({ ok: true });
  },
};
