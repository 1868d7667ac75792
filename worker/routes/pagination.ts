import { type Cursor, decodeCursor } from "../../kernel/pages";
import { validationFailed } from "../errors";

/** The `cursor` query parameter as a keyset cursor; one we did not issue is a 422. */
export function parseCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  const cursor = decodeCursor(raw);
  if (!cursor)
    throw validationFailed([
      { field: "cursor", code: "invalid", message: "is not a cursor from this list" },
    ]);
  return cursor;
}
