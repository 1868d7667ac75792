import type { AdminSchemas } from "@fitness-coach/client";
import { type FormEvent, useId, useState } from "react";
import { adminApi } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Moment } from "../components/times";

// The Admin screen's backups: a user's snapshots of their actor (R2), listed by user id,
// taken now, and restored with a reason kept in the audit. A restore first snapshots the
// current state, so the answer names the snapshot that undoes it. docs/disaster-recovery.md.

type Backup = AdminSchemas["AdminBackup"];

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const totalRows = (backup: Backup) => Object.values(backup.rows).reduce((sum, n) => sum + n, 0);

export function Backups() {
  const headingId = useId();
  const [userId, setUserId] = useState("");
  const [listed, setListed] = useState<{ userId: string; items: Backup[] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [reason, setReason] = useState("");
  const [reasonProblem, setReasonProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState("");

  const list = async (id: string) => {
    const outcome = await settle(
      adminApi.GET("/admin/users/{id}/backups", { params: { path: { id } } }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setListed({ userId: id, items: outcome.data.items });
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (userId.trim()) await list(userId.trim());
  };

  const take = async () => {
    if (!listed) return;
    const outcome = await settle(
      adminApi.POST("/admin/users/{id}/backups", {
        params: { path: { id: listed.userId } },
        body: {},
      }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setDone(`Snapshot ${outcome.data.id} taken.`);
    await list(listed.userId);
  };

  const restore = async (event: FormEvent) => {
    event.preventDefault();
    if (!listed || !restoring) return;
    const outcome = await settle(
      adminApi.POST("/admin/users/{id}/restore", {
        params: { path: { id: listed.userId } },
        body: { backup_id: restoring.id, reason },
      }),
    );
    if (!outcome.ok) return setReasonProblem(outcome.problem);
    setDone(`Restored ${restoring.id}. To undo, restore ${outcome.data.undo_backup_id}.`);
    setRestoring(null);
    setReason("");
    setReasonProblem(null);
    await list(listed.userId);
  };

  const reasonMessage = fieldMessages(reasonProblem, { reason: "Reason" }).reason;

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Backups</h2>
      <form className="inline-form" onSubmit={search}>
        <Field label="User id for backups" hint="The id from the user search">
          {(control) => (
            <input
              {...control}
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
            />
          )}
        </Field>
        <button type="submit">List snapshots</button>
      </form>
      <ProblemNote problem={problem} />
      {done && (
        <p>
          <output className="muted">{done}</output>
        </p>
      )}
      {listed && (
        <>
          <button type="button" className="secondary" onClick={take}>
            Take a snapshot now
          </button>
          {listed.items.length === 0 && <p>No snapshots yet.</p>}
          {listed.items.length > 0 && (
            <table aria-label="Snapshots">
              <thead>
                <tr>
                  <th scope="col">Taken</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Size</th>
                  <th scope="col">Schema</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {listed.items.map((backup) => (
                  <tr key={backup.id}>
                    <td>
                      <Moment iso={backup.taken_at} />
                    </td>
                    <td>{backup.kind}</td>
                    <td>{kilobytes(backup.size_bytes)}</td>
                    <td>{backup.schema_version}</td>
                    <td>{totalRows(backup)}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setRestoring(backup)}
                      >
                        Restore
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {restoring && (
        <form className="card narrow" onSubmit={restore} aria-label="Restore snapshot">
          <p>
            Replace everything in this user's actor with the snapshot <code>{restoring.id}</code>.
            The current state is snapshotted first, so the restore can be undone.
          </p>
          <Field label="Reason" error={reasonMessage} hint="Required (kept in the audit)">
            {(control) => (
              <input
                {...control}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          {reasonProblem && reasonProblem.code !== "validation_failed" && (
            <ProblemNote problem={reasonProblem} />
          )}
          <div className="actions">
            <button type="submit">Restore</button>
            <button type="button" className="secondary" onClick={() => setRestoring(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
