import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeSyncServer } from "./fake-sync-server";
import { fetchTransport } from "./fetch-transport";
import { fault, Phone, type Step, stepWith, T0 } from "./phones";

// The convergence property of the protocol: two devices write offline and online, the coach
// and the adaptation write on the server, the network fails in every way it can, devices are
// restarted, each pushes and pulls whenever it likes; once the network holds and each has
// synced, every device holds exactly the server's records, every write was answered once, and
// no write was applied twice or lost. Here against the reference server; the Worker is held to
// the same property in workerd.

async function play(steps: Step[], sizes: Array<{ batch: number; page: number }>) {
  const server = new FakeSyncServer({ now: () => T0 });
  const phones = [
    new Phone("a", fetchTransport(server.fetch), sizes[0] ?? { batch: 2, page: 3 }),
    new Phone("b", fetchTransport(server.fetch), sizes[1] ?? { batch: 2, page: 3 }),
  ];
  for (const s of steps) {
    if (s.kind === "act") {
      const phone = phones[s.device] as Phone;
      const input = phone.opFor(s.action);
      if (input) phone.enqueued.push(await phone.sync.enqueue(input));
    } else if (s.kind === "sync") await phones[s.device]?.sync.sync();
    else if (s.kind === "restart") phones[s.device]?.restart();
    else if (s.kind === "fault") server.faults.push(s.fault);
    else if (s.kind === "coach") {
      // The coach corrects a set it sees on the server (a voice "that was 6, not 8").
      const sets = [...server.live()].filter(([key]) => key.startsWith("set:"));
      const target = sets[s.pick % Math.max(1, sets.length)];
      if (target)
        server.serverWrite({
          type: "set.correct",
          session: { id: String(target[1].data.session_id) },
          set: { id: String(target[1].data.id) },
          patch: { reps: s.reps },
        });
    } else server.serverWrite({ type: "profile.patch", patch: { sleep_hours: s.sleep } });
  }
  // The network holds from here: each phone syncs until it went through, then once more so
  // each has pulled what the other pushed last.
  server.faults.length = 0;
  for (const phone of [...phones, ...phones])
    for (let i = 0; i < 3 && !(await phone.sync.sync()).ok; i++);
  return { server, phones };
}

describe("two devices, the coach and the adaptation, in any order", () => {
  it("converge to the server's records, with every write answered once and none lost or doubled", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepWith(fault), { minLength: 1, maxLength: 60 }),
        fc.array(
          fc.record({
            batch: fc.integer({ min: 1, max: 4 }),
            page: fc.integer({ min: 1, max: 5 }),
          }),
          {
            minLength: 2,
            maxLength: 2,
          },
        ),
        async (steps, sizes) => {
          const { server, phones } = await play(steps, sizes);
          const live = server.live();
          for (const phone of phones) {
            expect(await phone.sync.pending()).toEqual([]);
            expect(phone.replica).toEqual(live);
            // Every op answered once, with a final status.
            const answered = phone.answers.map(({ op }) => op.op_id);
            expect(answered.sort()).toEqual(phone.enqueued.map((op) => op.op_id).sort());
            for (const { result } of phone.answers) expect(result.status).toBeLessThan(500);
          }
          for (const times of server.applications.values()) expect(times).toBe(1);
          // No set lost: each logged one is on the server unless a delete of it was answered.
          const answers = phones.flatMap((phone) => phone.answers);
          const deleted = new Set(
            answers.filter(({ result }) => result.status === 204).map(({ result }) => result.id),
          );
          for (const { op, result } of answers)
            if (op.type === "set.log" && result.status < 300) {
              expect(result.id).toBeDefined();
              expect(live.has(`set:${result.id}`) || deleted.has(result.id)).toBe(true);
            }
          // None doubled: each kind of record was created once per create op answered.
          const creates = {
            "session.start": "session",
            "set.log": "set",
            "body_weight.log": "body_weight",
            "meal.log": "meal",
          } as const;
          for (const [type, entity] of Object.entries(creates)) {
            const ids = answers
              .filter(({ op, result }) => op.type === type && result.status < 300)
              .map(({ result }) => result.id);
            expect(server.created(entity), type).toBe(new Set(ids).size);
          }
          // And one set per client id.
          const clientIds = [...live]
            .filter(([key]) => key.startsWith("set:"))
            .map(([, e]) => e.data.client_id);
          expect(new Set(clientIds).size).toBe(clientIds.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
