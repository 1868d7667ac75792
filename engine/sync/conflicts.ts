// The conflict rules of sync, in one place (docs/sync.md, "Conflicts"). Writes apply in the
// order the server receives them, and the last one wins, field by field for a patch, unless:
// - the op names the version it was based on (`base_version`) and the entity has changed since:
//   409 version_conflict, with the current entity, and nothing is written;
// - the entity was deleted: a later change of it gets its 404 (deletion wins over a later
//   correction), whatever its base_version said.
// A delete never conflicts: it applies to whatever version is current (deletion wins over an
// earlier correction too), and a second delete of the same entity is a 404 like any change of
// a deleted one.

export type WriteKind = "change" | "delete";

/** An existing entity as the rules see it: its version, or gone (never existed, or deleted). */
export type Current = { version: number } | null;

export type Verdict =
  | { apply: true }
  | { apply: false; reason: "not_found" }
  | { apply: false; reason: "version_conflict"; currentVersion: number };

export function judgeWrite(
  kind: WriteKind,
  baseVersion: number | undefined,
  current: Current,
): Verdict {
  if (current === null) return { apply: false, reason: "not_found" };
  if (kind === "change" && baseVersion !== undefined && baseVersion !== current.version)
    return { apply: false, reason: "version_conflict", currentVersion: current.version };
  return { apply: true };
}
