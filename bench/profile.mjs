// npm run bench:profile -- <route> [seconds]: CPU profile of one route under load.
// Serves the built bundle through Miniflare (as the bench does) with workerd's DevTools
// inspector on, makes the users the route needs, starts the V8 profiler in every isolate the
// inspector lists, loads the route with autocannon, stops the profiler and prints the top
// functions by self time per isolate, each with the source module the bundle took it from
// (esbuild's `// path` comments), and the total self time per module.
// <route>: profile, onboarding, step, context, today, me, set (POSTs sets to a new session,
// a fresh client_id each), progress (GET /v1/progress after seeding a year of logs, as the
// bench does), or any GET path ("/v1/reminders").
// PROFILE_TOP (default 25), PROFILE_INTERVAL_US (sampling, default 250), PROFILE_SAVE=dir writes
// the raw .cpuprofile files (DevTools opens them).

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { onboardedUser, SAMPLE_STEPS, signUp } from "../test/support/api-client.ts";
import { buildBundle, startMiniflare } from "../test/support/local-worker.ts";
import { post, seedYear } from "./lib/seed-year.mjs";

const ROUTES = {
  profile: { path: "/v1/profile", user: "onboarded" },
  onboarding: { path: "/v1/onboarding", user: "fresh" },
  step: {
    path: "/v1/onboarding/steps/basics",
    method: "PUT",
    body: JSON.stringify(SAMPLE_STEPS.basics),
    user: "fresh",
  },
  context: { path: "/v1/coach/context", user: "onboarded" },
  today: { path: "/v1/workouts/today", user: "onboarded" },
  me: { path: "/v1/me", user: "onboarded" },
  // As bench/scenarios/tracking.mjs logs sets: one session, each request a new set.
  set: {
    method: "POST",
    user: "onboarded",
    prepare: async (url, token) => {
      const session = await post(url, token, "/v1/workouts/sessions", {});
      let n = 0;
      return {
        path: `/v1/workouts/sessions/${session.id}/sets`,
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            client_id: `profile-${n++}`,
            exercise_id: "barbell-back-squat",
            reps: 5,
            weight_kg: 100,
            rir: 2,
          }),
        }),
      };
    },
  },
  progress: {
    path: "/v1/progress",
    user: "onboarded",
    prepare: async (url, token) => {
      await seedYear(url, token);
      return {};
    },
  },
};

const arg = process.argv[2] ?? "profile";
const route = ROUTES[arg] ?? { path: arg, user: "onboarded" };
const seconds = Number(process.argv[3] ?? process.env.BENCH_SECONDS ?? 5);
const top = Number(process.env.PROFILE_TOP ?? 25);
const PORT = 8795;
const INSPECTOR_PORT = 9239;
// The sampling interval (µs): finer costs every isolate more while the route is loaded.
const INTERVAL_US = Number(process.env.PROFILE_INTERVAL_US ?? 250);

/** One DevTools protocol session over the target's WebSocket. */
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`inspector: cannot connect to ${url}`));
  });
  let next = 1;
  const pending = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
    else waiter.resolve(message.result);
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Maps a bundle line to the module esbuild took it from (its `// worker/x.ts` comments). */
function moduleMap(bundlePath) {
  const starts = [];
  readFileSync(bundlePath, "utf8")
    .split("\n")
    .forEach((line, index) => {
      const match = /^\/\/ (\S+\.(?:[cm]?[jt]s))$/.exec(line);
      if (match) starts.push([index, match[1].replace(/^.*node_modules\//, "~/")]);
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "?";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self time (ms) by function and by module from a V8 CPU profile. */
function summarise(profile, moduleOf) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = profile.nodes
    .filter((node) => node.callFrame.functionName === "(idle)")
    .reduce((sum, node) => sum + (self.get(node.id) ?? 0), 0);
  const functions = new Map();
  const modules = new Map();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url?.endsWith("index.js") ? moduleOf(lineNumber) : url || "(native)";
    const key = `${functionName || "(anonymous)"}  ${where}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    modules.set(where, (modules.get(where) ?? 0) + ms);
  }
  const rank = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, ms]) =>
          `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`,
      )
      .join("\n");
  return {
    total,
    busy: total - idle,
    functions: rank(functions, top),
    modules: rank(modules, 15),
  };
}

const bundle = buildBundle();
const server = await startMiniflare(bundle.scriptPath, PORT, { inspectorPort: INSPECTOR_PORT });
try {
  const user = route.user === "fresh" ? await signUp(server.url) : await onboardedUser(server.url);
  const prepared = route.prepare ? await route.prepare(server.url, user.token) : {};
  Object.assign(route, prepared);
  const options = {
    url: `${server.url}${route.path}`,
    // autocannon calls setupRequest only on an entry of `requests` (as bench/lib/measure.mjs).
    ...(route.setupRequest
      ? { requests: [{ method: route.method, setupRequest: route.setupRequest }] }
      : {}),
    method: route.method ?? "GET",
    body: route.body,
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
    connections: Number(process.env.BENCH_CONNECTIONS ?? 8),
  };
  await autocannon({ ...options, duration: 2 }); // warm-up (JIT, caches)

  const targets = await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json();
  const sessions = [];
  for (const target of targets) {
    const session = await connect(target.webSocketDebuggerUrl);
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: INTERVAL_US });
    await session.send("Profiler.start");
    sessions.push({ target, session });
  }
  const result = await autocannon({ ...options, duration: seconds });
  console.log(
    `${options.method} ${route.path}: ${result.requests.average.toFixed(0)} rps, ` +
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors} (${seconds} s, profiler on)`,
  );
  if (result.non2xx) console.log("status codes:", JSON.stringify(result.statusCodeStats));
  const moduleOf = moduleMap(bundle.scriptPath);
  for (const { target, session } of sessions) {
    const { profile } = await session.send("Profiler.stop");
    session.close();
    if (process.env.PROFILE_SAVE) {
      const file = path.join(
        process.env.PROFILE_SAVE,
        `${arg.replace(/\W+/g, "_")}-${target.id}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
    }
    const { total, busy, functions, modules } = summarise(profile, moduleOf);
    // Miniflare's own services (D1, cache, email...) mostly sleep: one line each.
    if (busy < 0.1 * total) {
      console.log(`\n== ${target.title ?? target.id}: ${busy.toFixed(0)} ms busy, skipped ==`);
      continue;
    }
    console.log(
      `\n== ${target.title ?? target.id} (${target.url ?? ""}): ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy, ${(busy / result.requests.total).toFixed(2)} ms busy per request ==`,
    );
    console.log(`top ${top} functions by self time:\n${functions}`);
    console.log(`modules by self time:\n${modules}`);
  }
} finally {
  await server.stop();
  bundle.cleanup();
}
