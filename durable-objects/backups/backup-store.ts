import { BACKUP_ID_PATTERN, type BackupKind, backupIdOf } from "../../kernel/backup-ids";
import { sha256Hex } from "../../kernel/encoding";
import { checksums, compress, decompress, rowCounts, type Snapshot } from "./snapshot";

// One user's snapshots in the R2 bucket, under `users/<user id>/`: the key carries the time
// and kind (so a listing sorts by time), the object's metadata what the admin listing shows,
// so listing never reads a snapshot's body.

export interface BackupInfo {
  id: string;
  kind: BackupKind;
  taken_at: string;
  size_bytes: number;
  schema_version: number;
  /** Rows per table. */
  rows: Record<string, number>;
  /** SHA-256 over the per-table checksums: two snapshots of equal data have equal ones. */
  checksum: string;
}

const prefixOf = (userId: string) => `users/${userId}/`;
const keyOf = (userId: string, id: string) => `${prefixOf(userId)}${id}.json.gz`;

function infoOf(object: R2Object): BackupInfo | null {
  const id =
    object.key
      .split("/")
      .at(-1)
      ?.replace(/\.json\.gz$/, "") ?? "";
  const meta = object.customMetadata;
  if (!BACKUP_ID_PATTERN.test(id) || !meta) return null;
  return {
    id,
    kind: meta.kind as BackupKind,
    taken_at: meta.taken_at ?? "",
    size_bytes: object.size,
    schema_version: Number(meta.schema_version),
    rows: JSON.parse(meta.rows ?? "{}") as Record<string, number>,
    checksum: meta.checksum ?? "",
  };
}

/** The digest of a snapshot's data (the listing's `checksum`). */
export async function snapshotChecksum(snapshot: Pick<Snapshot, "tables">): Promise<string> {
  return sha256Hex(JSON.stringify(await checksums(snapshot)));
}

export class BackupStore {
  constructor(private readonly bucket: () => R2Bucket) {}

  async put(snapshot: Snapshot, kind: BackupKind): Promise<BackupInfo> {
    const id = backupIdOf(snapshot.taken_at, kind);
    const body = await compress(snapshot);
    const object = await this.bucket().put(keyOf(snapshot.user_id, id), body, {
      httpMetadata: { contentType: "application/json", contentEncoding: "gzip" },
      customMetadata: {
        kind,
        taken_at: snapshot.taken_at,
        schema_version: String(snapshot.schema_version),
        rows: JSON.stringify(rowCounts(snapshot)),
        checksum: await snapshotChecksum(snapshot),
      },
    });
    const info = infoOf(object);
    if (!info) throw new Error(`snapshot ${id} was stored without its metadata`);
    return info;
  }

  /** The user's snapshots, newest first. */
  async list(userId: string): Promise<BackupInfo[]> {
    const infos: BackupInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket().list({
        prefix: prefixOf(userId),
        include: ["customMetadata"],
        ...(cursor ? { cursor } : {}),
      });
      for (const object of page.objects) {
        const info = infoOf(object);
        if (info) infos.push(info);
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return infos.sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  /** A snapshot's content, or null when the user has no snapshot of that id. */
  async get(userId: string, id: string): Promise<Snapshot | null> {
    const object = await this.bucket().get(keyOf(userId, id));
    return object ? decompress(object.body) : null;
  }

  /** Keeps the newest `keep` snapshots of a kind; older ones are deleted. */
  async prune(userId: string, kind: BackupKind, keep: number): Promise<number> {
    const old = (await this.list(userId)).filter((info) => info.kind === kind).slice(keep);
    if (old.length > 0) await this.bucket().delete(old.map((info) => keyOf(userId, info.id)));
    return old.length;
  }

  /** Every object under the user's prefix (an erased account keeps none). */
  async eraseAll(userId: string): Promise<number> {
    let erased = 0;
    for (;;) {
      const page = await this.bucket().list({ prefix: prefixOf(userId) });
      if (page.objects.length === 0) return erased;
      await this.bucket().delete(page.objects.map((object) => object.key));
      erased += page.objects.length;
    }
  }
}
