import autocannon from "autocannon";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);

/** Warms up for 2 s, then loads one request shape for SECONDS; returns rps and latency. */
export async function load(url, { method = "GET", headers = {}, body, setupRequest } = {}) {
  // setupRequest varies each request (e.g. a fresh client_id per logged set).
  const requests = setupRequest ? [{ method, headers, setupRequest }] : undefined;
  const options = { url, method, headers, body, connections: CONNECTIONS, requests };
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration: SECONDS });
  const failures = result.non2xx + result.errors + result.timeouts;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures,
    total: result.requests.total,
  };
}

/** The rate the fixed-rate rows offer (requests per second over all connections). */
export const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 500);

/**
 * Offers one request shape at a fixed rate (FIXED_RATE over CONNECTIONS) for SECONDS, after
 * the same warm-up: what rate it sustains, with the latency at that rate (a route that cannot
 * keep up answers fewer than offered and its p99 grows with the queue).
 */
export async function loadAtRate(url, options = {}) {
  const { method = "GET", headers = {}, body } = options;
  const base = { url, method, headers, body, connections: CONNECTIONS };
  await autocannon({ ...base, duration: 2 });
  const result = await autocannon({ ...base, duration: SECONDS, overallRate: FIXED_RATE });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    note: `offered ${FIXED_RATE} rps`,
  };
}

/**
 * Sequential timings of one request, for latency figures that need no concurrency. A `send`
 * that returns a number times itself (only part of what it does is the measured request).
 */
export async function sequential(count, send) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const own = await send(i);
    times.push(typeof own === "number" ? own : performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

export function printTable(title, rows, columns) {
  console.log(`\n${title}`);
  const widths = columns.map((c) =>
    Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)),
  );
  const line = (cells) => cells.map((cell, i) => String(cell ?? "").padEnd(widths[i])).join("  ");
  console.log(line(columns));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(columns.map((c) => row[c])));
}
