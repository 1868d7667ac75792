import type { Schemas } from "@fitness-coach/client";
import { formatClock, Moment, weekdayName } from "../components/times";

// The reminders the settings make, soonest first, named as their notifications are ("Dinner
// time", "Weekly check-in"), each next time in the user's timezone and the locale's format.
// One already sent is not shown as next (the list is re-read once it is due).

export type Schedule = Schemas["Reminders"]["schedules"][number];

function repeats(recurrence: Schedule["recurrence"]): string {
  if (!recurrence) return "Once";
  const days = recurrence.weekdays?.map(weekdayName).join(", ") ?? "Every day";
  return `${days} at ${formatClock(recurrence.time)}`;
}

export function UpcomingReminders({ schedules }: { schedules: Schedule[] }) {
  const now = Date.now();
  const upcoming = schedules
    .filter((schedule) => Date.parse(schedule.next_at) > now)
    .sort((a, b) => a.next_at.localeCompare(b.next_at));
  if (upcoming.length === 0) return null;
  return (
    <table>
      <caption>Upcoming reminders</caption>
      <thead>
        <tr>
          <th scope="col">Reminder</th>
          <th scope="col">Next</th>
          <th scope="col">Repeats</th>
        </tr>
      </thead>
      <tbody>
        {upcoming.map((schedule) => (
          <tr key={schedule.key}>
            <th scope="row">{schedule.title}</th>
            <td>
              <Moment iso={schedule.next_at} timeZone={schedule.recurrence?.timezone} />
            </td>
            <td>{repeats(schedule.recurrence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Milliseconds until the list should be read again: a little after its soonest is due. */
export function rereadIn(schedules: Schedule[]): number | null {
  const soonest = Math.min(...schedules.map((schedule) => Date.parse(schedule.next_at)));
  if (!Number.isFinite(soonest)) return null;
  // The alarm sends it, then moves it on; a few seconds later the list shows the next one.
  return Math.min(Math.max(soonest - Date.now(), 0) + 5_000, 2 ** 31 - 1);
}
