import type { Schemas } from "@fitness-coach/client";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { useRealtimeMessages } from "../api/realtime-context";
import { PushSetupNote } from "../capabilities/SetupNotes";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { Moment } from "../components/times";
import { consoleRoute } from "../notifications/deep-link";
import { ReminderSettings } from "../notifications/ReminderSettings";
import { Link } from "../router";

// The inbox (GET /v1/notifications), live: a reminder the actor sends while this screen is
// open arrives over the realtime socket (`notification`) and goes on top.

type Notification = Schemas["Notification"];
type Skipped = Schemas["SkippedReminder"];

export function Notifications() {
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<Skipped[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);

  const loadPage = async (after?: string) => {
    const outcome = await settle(
      api.GET("/v1/notifications", {
        params: { query: { limit: 20, ...(after && { cursor: after }) } },
      }),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    setItems((current) => merge(after ? current : [], outcome.data.items));
    setCursor(outcome.data.next_cursor);
    setSkipped(outcome.data.skipped);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, once
  useEffect(() => {
    void loadPage();
  }, []);

  useRealtimeMessages((message) => {
    if (message.type === "notification") setItems((current) => merge([message.data], current));
  });

  const markRead = async (id?: string) => {
    const outcome = id
      ? await settle(api.POST("/v1/notifications/{id}/read", { params: { path: { id } } }))
      : await settle(api.POST("/v1/notifications/read-all"));
    if (!outcome.ok) return setProblem(outcome.problem);
    const now = new Date().toISOString();
    setItems((current) =>
      current.map((item) =>
        !id || item.id === id ? { ...item, read_at: item.read_at ?? now } : item,
      ),
    );
  };

  const unread = items.filter((item) => !item.read_at).length;
  return (
    <Screen title="Notifications">
      <ProblemNote problem={problem} />
      <div className="toolbar">
        <p>{unread} unread</p>
        <button type="button" className="secondary" onClick={() => markRead()} disabled={!unread}>
          Mark all read
        </button>
      </div>
      {items.length === 0 ? (
        <p>No notifications yet. Reminders arrive here as they are sent.</p>
      ) : (
        <ul className="inbox" aria-label="Inbox">
          {items.map((item) => (
            <li key={item.id} className={item.read_at ? "read" : "unread"}>
              <strong>{item.title}</strong> <span>{item.body}</span>{" "}
              <span className="muted">
                <Moment iso={item.created_at} />
              </span>{" "}
              {!item.read_at && (
                <button type="button" className="link" onClick={() => markRead(item.id)}>
                  Mark read
                </button>
              )}{" "}
              <OpenLink link={item.data.deep_link} />
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="secondary" onClick={() => loadPage(cursor)}>
          Older
        </button>
      )}
      {skipped.length > 0 && (
        <>
          <h3>Not sent</h3>
          <ul className="inbox" aria-label="Not sent">
            {skipped.map((item) => (
              <li key={`${item.reminder}@${item.due_at}`}>
                <strong>{item.type}</strong> <span>{item.reason.replaceAll("_", " ")}</span>{" "}
                <span className="muted">
                  <Moment iso={item.due_at} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <PushSetupNote />
      <ReminderSettings />
    </Screen>
  );
}

/** Opens the console screen of a notification's deep link, as the app opens its own. */
function OpenLink({ link }: { link: string | null | undefined }) {
  const route = consoleRoute(link);
  return route ? <Link to={route}>Open</Link> : null;
}

/** Newest first, each notification once (a live one may also come in a page). */
function merge(first: Notification[], second: Notification[]): Notification[] {
  const seen = new Set<string>();
  return [...first, ...second]
    .filter((item) => !seen.has(item.id) && seen.add(item.id))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}
