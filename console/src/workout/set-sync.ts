import {
  coachSyncTransport,
  createSyncClient,
  type QueuedOp,
  type SyncChange,
  type SyncClient,
  type SyncOpResult,
} from "@fitness-coach/client";
import { api } from "../api/client";
import { getSession } from "../api/session";

// Sets are logged through the typed client's sync helper (docs/sync.md): a set logged while
// the API cannot be reached waits in the queue and goes up when it is back (the browser says
// it is online again, or the helper's backoff tries). The queue is the signed-in user's, kept
// in sessionStorage like the session itself: nothing goes to localStorage.

export type SyncAnswer = { op: QueuedOp; result: SyncOpResult };

interface Listener {
  changes?(changes: SyncChange[]): void;
  results?(answers: SyncAnswer[]): void;
}

const listeners = new Set<Listener>();
let current: { userId: string; sync: SyncClient } | null = null;

/** The signed-in user's sync client, started on first use; null when nobody is signed in. */
export function setSync(): SyncClient | null {
  const userId = getSession()?.user.id;
  if (!userId) return null;
  if (current?.userId === userId) return current.sync;
  current?.sync.stop();
  const sync = createSyncClient({
    transport: coachSyncTransport(api),
    storage: sessionStorage,
    storageKey: `fitness-coach-console.sync.${userId}`,
    deviceId: "console",
    onChanges: (changes) => {
      for (const listener of listeners) listener.changes?.(changes);
    },
    onResults: (answers) => {
      for (const listener of listeners) listener.results?.(answers);
    },
  });
  current = { userId, sync };
  sync.start();
  return sync;
}

/** Hears pulled changes and the answers to queued ops; returns the unsubscribe. */
export function onSync(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

window.addEventListener("online", () => current?.sync.requestSync());
