import { z } from "zod";
import { profilePatchSchema } from "../../engine/onboarding/profile";
import { reminderPrefsSchema } from "../../engine/reminders/plan";
import {
  type EntityRef,
  type InvalidOp,
  type ParsedOp,
  SYNC_OP_TYPES,
  type SyncCommand,
  type SyncOpType,
} from "../../engine/sync/commands";
import { fingerprintOf } from "../../engine/sync/fingerprint";
import { type FieldError, fieldErrors, invalidFieldsMessage } from "../../kernel/field-errors";
import { lbToKg } from "../../kernel/units";
import { BodyWeightBody } from "../routes/body.schemas";
import { clientId, isoTime } from "../routes/common.schemas";
import { MealLogBody } from "../routes/meals.schemas";
import { ProfilePatchBody } from "../routes/profile.schemas";
import {
  SessionCreateBody,
  SessionPatchBody,
  SetBody,
  SetPatchBody,
} from "../routes/workouts.schemas";

// The push ops: each is one of the existing writes, with `data` the body its REST route takes
// plus what its path names. Checked one op at a time, so one bad op is that op's 422 and the
// others still apply; each valid op becomes the command the actor runs through the same rules
// as the REST route (durable-objects/tracking/rules.ts, the profile, the reminders).
//
// Times: `occurred_at` is when the op happened on the device. It stands in for every time the
// body leaves out (a session's start, a weight's measurement, a meal's time, a finish), so local
// dates come from when the user lived it, not from when the phone got signal again. A device
// clock ahead of the server's is taken as the server's now.

/** An op's id: the client's, unique per user; a replay answers the first result. */
export const opIdSchema = z.string().trim().min(1).max(100);

/** The envelope of one op, checked per op (`data` by its type, below). */
const opSchema = z
  .object({
    op_id: opIdSchema,
    type: z.enum(SYNC_OP_TYPES),
    occurred_at: isoTime,
    base_version: z.number().int().min(0).optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();

const ref = (name: "session" | "set") => ({
  [`${name}_id`]: z.string().trim().min(1).max(100).optional(),
  [`${name}_client_id`]: clientId.optional(),
});

/** What each op type takes besides its REST body: the references its path names. */
const REFS: Record<SyncOpType, Array<"session" | "set">> = {
  "session.start": [],
  "session.update": ["session"],
  "set.log": ["session"],
  "set.correct": ["session", "set"],
  "set.delete": ["session", "set"],
  "body_weight.log": [],
  "meal.log": [],
  "profile.patch": [],
  "reminders.put": [],
};

/** Ops that create a record: a base_version means nothing to them. */
const CREATES = new Set<SyncOpType>(["session.start", "set.log", "body_weight.log", "meal.log"]);

const invalid = (details: FieldError[]): InvalidOp => ({
  code: "validation_failed",
  message: invalidFieldsMessage(details),
  details,
});

const prefixed = (prefix: string, issues: z.core.$ZodIssue[]) =>
  fieldErrors(issues).map((error) => ({
    ...error,
    field: error.field === "body" ? prefix : `${prefix}.${error.field}`,
  }));

/** kg from a body that may give `weight_kg` or `weight_lb`. */
const kilograms = (body: { weight_kg?: number; weight_lb?: number }) =>
  body.weight_lb !== undefined ? lbToKg(body.weight_lb) : body.weight_kg;

/** The body fields that are not references, and the reference each named (or its 422). */
function splitRefs(
  data: Record<string, unknown>,
  names: Array<"session" | "set">,
): { body: Record<string, unknown>; refs: Record<string, EntityRef>; errors: FieldError[] } {
  const body = { ...data };
  const refs: Record<string, EntityRef> = {};
  const errors: FieldError[] = [];
  for (const name of names) {
    const idKey = `${name}_id`;
    const clientKey = `${name}_client_id`;
    const parsed = z
      .object(ref(name))
      .safeParse({ [idKey]: body[idKey], [clientKey]: body[clientKey] });
    delete body[idKey];
    delete body[clientKey];
    if (!parsed.success) {
      errors.push(...prefixed("data", parsed.error.issues));
      continue;
    }
    const id = parsed.data[idKey];
    const client = parsed.data[clientKey];
    if ((id === undefined) === (client === undefined)) {
      errors.push({
        field: `data.${idKey}`,
        code: id === undefined ? "required" : "invalid",
        message: `give ${idKey} or ${clientKey}, not both`,
      });
      continue;
    }
    refs[name] = id !== undefined ? { id } : { clientId: client as string };
  }
  return { body, refs, errors };
}

/**
 * Checks one op as it came in the batch, and makes it the command to run. `now` (ms) bounds
 * `occurred_at`: a time ahead of the server's clock is taken as now.
 */
export function parseSyncOp(
  raw: { op_id: string } & Record<string, unknown>,
  now: number,
): ParsedOp {
  const opId = raw.op_id;
  const fingerprint = fingerprintOf({
    type: raw.type,
    occurred_at: raw.occurred_at,
    base_version: raw.base_version,
    data: raw.data,
  });
  const fail = (details: FieldError[]): ParsedOp => ({
    opId,
    fingerprint,
    ok: false,
    error: invalid(details),
  });
  const envelope = opSchema.safeParse(raw);
  if (!envelope.success) return fail(fieldErrors(envelope.error.issues));
  const op = envelope.data;
  if (op.base_version !== undefined && CREATES.has(op.type))
    return fail([
      {
        field: "base_version",
        code: "invalid",
        message: "applies only to a change of an existing record",
      },
    ]);
  const occurredAt = new Date(Math.min(Date.parse(op.occurred_at), now)).toISOString();
  const { body, refs, errors } = splitRefs(op.data, REFS[op.type]);
  const built = buildCommand(op.type, body, refs, {
    opId,
    occurredAt,
    ...(op.base_version !== undefined ? { baseVersion: op.base_version } : {}),
  });
  if (!built.ok || errors.length > 0) return fail([...errors, ...(built.ok ? [] : built.errors)]);
  return { opId, fingerprint, ok: true, command: built.command };
}

type Built = { ok: true; command: SyncCommand } | { ok: false; errors: FieldError[] };

interface OpContext {
  opId: string;
  occurredAt: string;
  baseVersion?: number;
}

/** Parses `body` with a REST body schema; field paths are the op's (`data.reps`). */
function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  build: (value: z.output<S>) => SyncCommand,
): Built {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: prefixed("data", parsed.error.issues) };
  return { ok: true, command: build(parsed.data) };
}

const instant = (at: string | undefined, fallback: string) =>
  at ? new Date(at).toISOString() : fallback;

function buildCommand(
  type: SyncOpType,
  body: Record<string, unknown>,
  refs: Record<string, EntityRef>,
  op: OpContext,
): Built {
  const session = refs.session as EntityRef;
  const set = refs.set as EntityRef;
  const base = op.baseVersion !== undefined ? { baseVersion: op.baseVersion } : {};
  switch (type) {
    case "session.start":
      return parseBody(SessionCreateBody, body, (b) => ({
        type,
        input: {
          clientId: b.client_id ?? op.opId,
          plannedDay: b.planned_day ?? null,
          startedAt: instant(b.started_at, op.occurredAt),
          notes: b.notes ?? null,
        },
      }));
    case "session.update":
      return parseBody(SessionPatchBody, body, (b) => {
        const finishing = b.status === "completed" || b.finished_at !== undefined;
        return {
          type,
          session,
          ...base,
          patch: {
            ...(finishing ? { finish: { at: instant(b.finished_at, op.occurredAt) } } : {}),
            ...(b.notes !== undefined ? { notes: b.notes } : {}),
            ...(b.perceived_effort !== undefined ? { perceivedEffort: b.perceived_effort } : {}),
          },
        };
      });
    case "set.log":
      return parseBody(SetBody, body, (b) => ({
        type,
        session,
        input: {
          clientId: b.client_id,
          exerciseId: b.exercise_id,
          reps: b.reps,
          weightKg: kilograms(b) ?? 0,
          rir: b.rir ?? null,
          restSeconds: b.rest_seconds ?? null,
          loggedAt: op.occurredAt,
        },
      }));
    case "set.correct":
      return parseBody(SetPatchBody, body, (b) => {
        const weightKg = kilograms(b);
        return {
          type,
          session,
          set,
          ...base,
          patch: {
            ...(b.reps !== undefined ? { reps: b.reps } : {}),
            ...(weightKg !== undefined ? { weightKg } : {}),
            ...(b.rir !== undefined ? { rir: b.rir } : {}),
            ...(b.rest_seconds !== undefined ? { restSeconds: b.rest_seconds } : {}),
          },
        };
      });
    case "set.delete":
      // The REST delete takes no body: anything but the references is an unknown field.
      return parseBody(z.object({}).strict(), body, () => ({ type, session, set }));
    case "body_weight.log":
      return parseBody(BodyWeightBody, body, (b) => ({
        type,
        input: {
          clientId: b.client_id ?? op.opId,
          weightKg: kilograms(b) as number,
          measuredAt: instant(b.measured_at, op.occurredAt),
          measurements: b.measurements ?? null,
        },
      }));
    case "meal.log":
      return parseBody(MealLogBody, body, (b) => ({
        type,
        input: {
          clientId: b.client_id ?? op.opId,
          meal: b.meal,
          loggedAt: instant(b.logged_at, op.occurredAt),
          foods: b.foods ?? null,
          totals: {
            ...(b.calories !== undefined ? { calories: b.calories } : {}),
            ...(b.protein_g !== undefined ? { protein_g: b.protein_g } : {}),
            ...(b.fat_g !== undefined ? { fat_g: b.fat_g } : {}),
            ...(b.carbs_g !== undefined ? { carbs_g: b.carbs_g } : {}),
          },
        },
      }));
    case "profile.patch": {
      // As PATCH /v1/profile: its fields (strict) first, then the rules across them.
      const fields = ProfilePatchBody.safeParse(body);
      if (!fields.success) return { ok: false, errors: prefixed("data", fields.error.issues) };
      return parseBody(profilePatchSchema, fields.data, (patch) => ({ type, ...base, patch }));
    }
    case "reminders.put":
      return parseBody(reminderPrefsSchema, body, (prefs) => ({ type, ...base, prefs }));
  }
}
