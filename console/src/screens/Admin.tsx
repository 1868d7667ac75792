import type { AdminSchemas } from "@fitness-coach/client";
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import { adminApi } from "../api/client";
import { fieldMessages } from "../api/field-messages";
import { type Outcome, type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Moment } from "../components/times";
import { Backups } from "./AdminBackups";

// The operators' screen (admin role only; the shell shows it when the access token says so,
// the server checks the role on every call): users found by id or email, suspended and
// reinstated with a reason kept in the audit; failed program jobs to retry; parked pushes and
// reminders to retry or drop; a user's snapshots, taken and restored (AdminBackups.tsx). Everything goes through the admin API's typed client
// (openapi/admin.json).

type User = AdminSchemas["AdminUser"];
type FailedJob = AdminSchemas["FailedProgramJob"];
type ParkedPush = AdminSchemas["ParkedSchedule"];

export function Admin() {
  return (
    <Screen title="Admin">
      <p className="muted">
        Every action here is written to the audit table (<code>admin_audit</code>) with your id.
      </p>
      <Users />
      <FailedJobs />
      <ParkedPushes />
      <Backups />
    </Screen>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** What the last action did, announced politely (an output is a status region). */
function Done({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p>
      <output className="muted">{message}</output>
    </p>
  );
}

const when = (iso: string) => (
  <span className="muted">
    <Moment iso={iso} />
  </span>
);

function Users() {
  const [query, setQuery] = useState("");
  const [users, setUsers] = useState<User[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [acting, setActing] = useState<{ user: User; action: "suspend" | "unsuspend" } | null>(
    null,
  );
  const [reason, setReason] = useState("");
  const [reasonProblem, setReasonProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState("");

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!query.trim()) return;
    const outcome = await settle(
      adminApi.GET("/admin/users", { params: { query: { q: query.trim(), limit: 20 } } }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setUsers(outcome.data.items);
  };

  const act = async (event: FormEvent) => {
    event.preventDefault();
    if (!acting) return;
    const { user, action } = acting;
    const params = { path: { id: user.id } };
    const outcome: Outcome<User> =
      action === "suspend"
        ? await settle(adminApi.POST("/admin/users/{id}/suspend", { params, body: { reason } }))
        : await settle(
            adminApi.POST("/admin/users/{id}/unsuspend", {
              params,
              body: reason.trim() ? { reason } : {},
            }),
          );
    if (!outcome.ok) return setReasonProblem(outcome.problem);
    setUsers((current) =>
      (current ?? []).map((item) => (item.id === outcome.data.id ? outcome.data : item)),
    );
    setDone(`${user.email ?? user.id}: ${outcome.data.account_status}`);
    setActing(null);
    setReason("");
    setReasonProblem(null);
  };

  const reasonMessage = fieldMessages(reasonProblem, { reason: "Reason" }).reason;

  return (
    <Section title="Users">
      <form className="inline-form" onSubmit={search}>
        <Field label="Search users" hint="A user id, or the start of an email address">
          {(control) => (
            <input
              {...control}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <ProblemNote problem={problem} />
      <Done message={done} />
      {users && users.length === 0 && <p>No user matches.</p>}
      {users && users.length > 0 && (
        <table aria-label="Users found">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Id</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Since</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.email ?? "(none)"}</td>
                <td>
                  <code>{user.id}</code>
                </td>
                <td>{user.role}</td>
                <td>{user.account_status}</td>
                <td>{when(user.created_at)}</td>
                <td>
                  {user.account_status === "active" && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setActing({ user, action: "suspend" })}
                    >
                      Suspend
                    </button>
                  )}
                  {user.account_status === "suspended" && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setActing({ user, action: "unsuspend" })}
                    >
                      Unsuspend
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acting && (
        <form className="card narrow" onSubmit={act} aria-label={`${acting.action} account`}>
          <p>
            {acting.action === "suspend" ? "Suspend" : "Unsuspend"}{" "}
            <strong>{acting.user.email ?? acting.user.id}</strong>
            {acting.action === "suspend"
              ? ": their tokens, login and refresh are refused until an operator reinstates them."
              : "."}
          </p>
          <Field
            label="Reason"
            error={reasonMessage}
            hint={
              acting.action === "suspend"
                ? "Required: a ticket, the user's request (kept in the audit)"
                : "Optional (kept in the audit)"
            }
          >
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
            <button type="submit">Confirm</button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setActing(null);
                setReasonProblem(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

/** A list of open operator issues: loads once, and drops an item once it is handled. */
function useIssues<T extends { id: string }>(
  load: () => Promise<Outcome<{ items: T[] }>>,
): {
  items: T[] | null;
  problem: Problem | null;
  done: string;
  handle: (id: string, call: () => Promise<Outcome<unknown>>, message: string) => Promise<void>;
} {
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState("");

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list, once
  useEffect(() => {
    void load().then((outcome) => {
      if (outcome.ok) setItems(outcome.data.items);
      else setProblem(outcome.problem);
    });
  }, []);

  const handle = async (id: string, call: () => Promise<Outcome<unknown>>, message: string) => {
    const outcome = await call();
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setDone(message);
    setItems((current) => (current ?? []).filter((item) => item.id !== id));
  };
  return { items, problem, done, handle };
}

function FailedJobs() {
  const { items, problem, done, handle } = useIssues<FailedJob>(() =>
    settle(adminApi.GET("/admin/jobs/failed", { params: { query: { limit: 50 } } })),
  );
  return (
    <Section title="Failed jobs">
      <ProblemNote problem={problem} />
      <Done message={done} />
      {items?.length === 0 && <p>No failed program jobs.</p>}
      {items && items.length > 0 && (
        <table aria-label="Failed program jobs">
          <thead>
            <tr>
              <th scope="col">Failed</th>
              <th scope="col">User</th>
              <th scope="col">Job</th>
              <th scope="col">Error</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((job) => (
              <tr key={job.id}>
                <td>{when(job.failed_at)}</td>
                <td>
                  <code>{job.user_id}</code>
                </td>
                <td>
                  <code>{job.job_id}</code>
                </td>
                <td>{job.error_message}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      handle(
                        job.id,
                        () =>
                          settle(
                            adminApi.POST("/admin/jobs/failed/{id}/retry", {
                              params: { path: { id: job.id } },
                              body: {},
                            }),
                          ),
                        `Job ${job.job_id} queued again.`,
                      )
                    }
                  >
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function ParkedPushes() {
  const { items, problem, done, handle } = useIssues<ParkedPush>(() =>
    settle(adminApi.GET("/admin/schedules/parked", { params: { query: { limit: 50 } } })),
  );
  const act = (push: ParkedPush, action: "retry" | "drop") =>
    handle(
      push.id,
      () =>
        settle(
          action === "retry"
            ? adminApi.POST("/admin/schedules/parked/{id}/retry", {
                params: { path: { id: push.id } },
                body: {},
              })
            : adminApi.POST("/admin/schedules/parked/{id}/drop", {
                params: { path: { id: push.id } },
                body: {},
              }),
        ),
      `${push.key} ${action === "retry" ? "retried" : "dropped"}.`,
    );
  return (
    <Section title="Parked pushes">
      <ProblemNote problem={problem} />
      <Done message={done} />
      {items?.length === 0 && <p>No parked pushes or reminders.</p>}
      {items && items.length > 0 && (
        <table aria-label="Parked pushes and reminders">
          <thead>
            <tr>
              <th scope="col">Parked</th>
              <th scope="col">User</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last error</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((push) => (
              <tr key={push.id}>
                <td>{when(push.parked_at)}</td>
                <td>
                  <code>{push.user_id}</code>
                </td>
                <td>
                  <code>{push.key}</code>
                </td>
                <td>{push.reason}</td>
                <td>
                  <div className="row">
                    <button type="button" className="secondary" onClick={() => act(push, "retry")}>
                      Retry
                    </button>
                    <button type="button" className="secondary" onClick={() => act(push, "drop")}>
                      Drop
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
