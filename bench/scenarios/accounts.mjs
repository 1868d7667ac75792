import { signUp } from "../../test/support/api-client.ts";
import { sequential } from "../lib/measure.mjs";

const USERS = 60;

/**
 * What the account-status check costs a route that does not call the actor (the exercise
 * catalogue, D1 only): a user's first request in an isolate asks the actor (one RPC), the next
 * within 5 s is answered from the isolate's memory. And forgot-password timing for a known and
 * an unknown address, which must not tell them apart. And push registration, which claims the
 * token in D1 (a token belongs to one account).
 */
export async function accounts(target) {
  const users = [];
  for (let i = 0; i < USERS; i++) users.push(await signUp(target.url));
  const catalogue = (user) => () =>
    fetch(`${target.url}/v1/exercises?limit=1`, {
      headers: { authorization: `Bearer ${user.token}` },
    }).then((r) => r.arrayBuffer());
  // Signup does not fill the cache, so each user's first catalogue request misses it; the
  // actors may have gone idle during the signups, so that first pass includes waking them.
  const cold = await sequential(USERS, (i) => catalogue(users[i])());
  const hit = await sequential(USERS, (i) => catalogue(users[i])());
  // Past the 5 s an open account is remembered: a miss again, with the actors awake.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  const miss = await sequential(USERS, (i) => catalogue(users[i])());

  const forgot = (email) => () =>
    fetch(`${target.url}/v1/auth/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    }).then((r) => r.arrayBuffer());
  // Interleaved in alternating order, with a pause after each so the known address's mail (sent after the answer)
  // does not slow the next request: what is timed is the answer a prober sees.
  const known = [];
  const unknown = [];
  for (let i = 0; i < USERS; i++) {
    const pair = [
      [known, users[i].email],
      [unknown, `nobody-${i}@example.com`],
    ];
    // Alternate which goes first, so neither gains from its place in the pair.
    for (const [times, email] of i % 2 ? pair.reverse() : pair) {
      const started = performance.now();
      await forgot(email)();
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  // Push registration: a new token (the actor's insert, then the D1 claim of the token), and
  // a token taken over from another account (the claim finds it; that actor drops its device).
  const register = (user, token) =>
    fetch(`${target.url}/v1/devices`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
      body: JSON.stringify({ platform: "ios", provider: "expo", token }),
    }).then((r) => r.arrayBuffer());
  const pushToken = (i) => `ExponentPushToken[bench-${i}-${Date.now()}]`;
  const tokens = users.map((_, i) => pushToken(i));
  const newDevice = await sequential(USERS, (i) => register(users[i], tokens[i]));
  const movedDevice = await sequential(USERS, (i) => register(users[(i + 1) % USERS], tokens[i]));
  const ms = (n) => Number(n.toFixed(1));
  return {
    rows: [
      {
        scenario: "GET /v1/exercises, status from an idle actor (sequential)",
        floor: "F1",
        ...pick(cold),
      },
      {
        scenario: "GET /v1/exercises, status from the actor (sequential)",
        floor: "F1",
        ...pick(miss),
      },
      { scenario: "GET /v1/exercises, status cached (sequential)", floor: "F0", ...pick(hit) },
      { scenario: "POST /v1/devices, a new token (sequential)", floor: "F2", ...pick(newDevice) },
      {
        scenario: "POST /v1/devices, a token from another account (sequential)",
        floor: "F2",
        ...pick(movedDevice),
      },
      { scenario: "POST /v1/auth/password/forgot, known (interleaved)", ...quantiles(known) },
      { scenario: "POST /v1/auth/password/forgot, unknown (interleaved)", ...quantiles(unknown) },
    ],
    notes: [
      `account status check: ${JSON.stringify({
        actor_rpc_p50_ms: ms(miss.p50 - hit.p50),
        users: USERS,
      })}`,
    ],
  };
}

const pick = ({ p50, p99 }) => ({ p50, p99 });

function quantiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}
