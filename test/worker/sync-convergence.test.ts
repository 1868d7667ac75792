import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fetchTransport } from "../sync/fetch-transport";
import { type Action, Phone, type Replica, type Step, stepWith } from "../sync/phones";
import { call, expectContractKept, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { pullAll } from "./sync-helpers";

// The convergence property against the Worker itself: two phones with the typed client's sync
// helper, writing offline and online, restarted, the network failing (no answer, an answer
// lost after the server applied the batch, pulls unavailable), while the user's records also
// change on the server (a set corrected from the console, the profile patched). Once the
// network holds and each phone has synced, each holds exactly what a new device's first pull
// holds, every op was answered once, and no write was lost or applied twice.

type NetFault = "no_answer" | "answer_lost" | "pull_unavailable";
const netFault = fc.constantFrom<NetFault>("no_answer", "answer_lost", "pull_unavailable");

/** The phones' network: the Worker, with the user's token, failing as the play says. */
function network(user: SignedUp, faults: NetFault[]) {
  return async (request: Request): Promise<Response> => {
    const fault = faults.shift();
    if (fault === "no_answer") throw new TypeError("network unreachable");
    if (fault === "pull_unavailable" && request.method === "GET")
      return Response.json(
        { error: { code: "misconfigured", message: "unavailable", request_id: "x" } },
        { status: 503, headers: { "retry-after": "0" } },
      );
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${user.accessToken}`);
    const response = await SELF.fetch(new Request(request, { headers }));
    await expectContractKept(request.method, request.url, response);
    if (fault === "answer_lost") {
      await response.arrayBuffer();
      throw new TypeError("connection reset before the answer arrived");
    }
    return response;
  };
}

/** What a new device's first pull holds: the server's records. */
async function serverRecords(user: SignedUp): Promise<Replica> {
  const { changes } = await pullAll(user, null);
  return new Map(
    changes
      .filter((c) => c.op === "upsert")
      .map((c) => [`${c.entity}:${c.id}`, { version: c.version, data: c.data ?? {} }]),
  );
}

async function play(steps: Step<NetFault>[], sizes: Array<{ batch: number; page: number }>) {
  const user = await signUp();
  await onboard(user.accessToken);
  const faults: NetFault[] = [];
  const transport = fetchTransport(network(user, faults));
  const phones = [
    new Phone("a", transport, sizes[0] ?? { batch: 2, page: 3 }),
    new Phone("b", transport, sizes[1] ?? { batch: 2, page: 3 }),
  ];
  for (const s of steps) {
    if (s.kind === "act") {
      const phone = phones[s.device] as Phone;
      const input = phone.opFor(s.action);
      if (input) phone.enqueued.push(await phone.sync.enqueue(input));
    } else if (s.kind === "sync") await phones[s.device]?.sync.sync();
    else if (s.kind === "restart") phones[s.device]?.restart();
    else if (s.kind === "fault") faults.push(s.fault);
    else if (s.kind === "coach") {
      // A set corrected from the console (REST), on whatever the server holds.
      const sets = [...(await serverRecords(user))].filter(([key]) => key.startsWith("set:"));
      const target = sets[s.pick % Math.max(1, sets.length)]?.[1].data;
      if (target) {
        const path = `/v1/workouts/sessions/${target.session_id}/sets/${target.id}`;
        const response = await call(path, {
          method: "PATCH",
          token: user.accessToken,
          body: { reps: s.reps },
        });
        expect([200, 404]).toContain(response.status);
      }
    } else {
      const response = await call("/v1/profile", {
        method: "PATCH",
        token: user.accessToken,
        body: { sleep_hours: s.sleep },
      });
      expect(response.status).toBe(200);
    }
  }
  // The network holds from here: each phone syncs until it went through, then once more.
  faults.length = 0;
  for (const phone of [...phones, ...phones])
    for (let i = 0; i < 3 && !(await phone.sync.sync()).ok; i++);
  return { user, phones };
}

const act = (device: 0 | 1, action: Action): Step<NetFault> => ({ kind: "act", device, action });
const sync = (device: 0 | 1): Step<NetFault> => ({ kind: "sync", device });
/** Both phones hold a set; then it changes on one phone, on the server, or goes. */
const bothHoldASet: Step<NetFault>[] = [
  act(0, { kind: "start" }),
  act(0, { kind: "log", pick: 0, reps: 8 }),
  sync(0),
  sync(1),
];
const EXAMPLES: Array<[Step<NetFault>[], Array<{ batch: number; page: number }>]> = [
  [[...bothHoldASet, act(1, { kind: "correct", pick: 0, reps: 3, based: true }), sync(1)], []],
  [[...bothHoldASet, { kind: "coach", pick: 0, reps: 4 }, { kind: "adaptation", sleep: 6 }], []],
  [
    [
      ...bothHoldASet,
      act(1, { kind: "delete", pick: 0 }),
      { kind: "fault", fault: "answer_lost" },
      sync(1),
      act(0, { kind: "correct", pick: 1, reps: 5, based: true }),
      act(0, { kind: "finish", pick: 1, based: true }),
    ],
    [],
  ],
];

describe("two phones and the server, in any order, against the Worker", () => {
  it("converge to the server's records, each op answered once, none lost or doubled", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepWith(netFault), { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.record({
            batch: fc.integer({ min: 1, max: 4 }),
            page: fc.integer({ min: 1, max: 5 }),
          }),
          { minLength: 2, maxLength: 2 },
        ),
        async (steps, sizes) => {
          const { user, phones } = await play(steps, sizes);
          const live = await serverRecords(user);
          for (const phone of phones) {
            expect(await phone.sync.pending()).toEqual([]);
            expect(phone.replica).toEqual(live);
            const answered = phone.answers.map(({ op }) => op.op_id);
            expect(answered.sort()).toEqual(phone.enqueued.map((op) => op.op_id).sort());
            for (const { result } of phone.answers) expect(result.status).toBeLessThan(500);
          }
          const answers = phones.flatMap((phone) => phone.answers);
          const deleted = new Set(
            answers.filter(({ result }) => result.status === 204).map(({ result }) => result.id),
          );
          const created = (type: string) =>
            new Set(
              answers
                .filter(({ op, result }) => op.type === type && result.status < 300)
                .map(({ result }) => result.id),
            );
          const count = (entity: string) =>
            [...live.keys()].filter((key) => key.startsWith(`${entity}:`)).length;
          // None lost: every set logged is there unless a delete of it was answered; none
          // doubled: as many records as distinct ids answered to their creates.
          for (const id of created("set.log"))
            expect(live.has(`set:${id}`) || deleted.has(id)).toBe(true);
          expect(count("set") + [...deleted].length).toBe(created("set.log").size);
          expect(count("session")).toBe(created("session.start").size);
          expect(count("body_weight")).toBe(created("body_weight.log").size);
          expect(count("meal")).toBe(created("meal.log").size);
        },
      ),
      { numRuns: 15, examples: EXAMPLES },
    );
  }, 180_000);
});
