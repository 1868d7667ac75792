import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { fieldMessages, type Problem, settle } from "../api/problems";
import { Field, labelOf } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { WEEKDAYS } from "../vocabulary";
import { numberFrom } from "../workout/units";

// Reminder settings (GET/PUT /v1/reminders) and the schedules they make: each reminder is a
// recurring local time in the user's timezone, run by the user's actor's alarm.

type Preferences = Schemas["ReminderPreferences"];
type Schedule = Schemas["Reminders"]["schedules"][number];
type Form = Record<
  "quietStart" | "quietEnd" | "wakeStart" | "wakeEnd" | "lead" | "interval" | "day" | "time",
  string
> &
  Record<"workout" | "meals" | "hydration" | "checkin", boolean>;

function formOf(p: Preferences): Form {
  return {
    workout: p.workout,
    meals: p.meals,
    hydration: p.hydration,
    checkin: p.checkin ?? true,
    quietStart: p.quiet_hours?.start ?? "",
    quietEnd: p.quiet_hours?.end ?? "",
    wakeStart: p.waking_hours?.start ?? "07:00",
    wakeEnd: p.waking_hours?.end ?? "22:00",
    lead: String(p.workout_lead_minutes ?? 60),
    interval: String(p.hydration_interval_minutes ?? 120),
    day: p.checkin_weekday ?? "sun",
    time: p.checkin_time ?? "18:00",
  };
}

function preferencesOf(form: Form): Preferences {
  return {
    workout: form.workout,
    meals: form.meals,
    hydration: form.hydration,
    checkin: form.checkin,
    quiet_hours:
      form.quietStart || form.quietEnd ? { start: form.quietStart, end: form.quietEnd } : null,
    waking_hours: { start: form.wakeStart, end: form.wakeEnd },
    workout_lead_minutes: numberFrom(form.lead),
    hydration_interval_minutes: numberFrom(form.interval),
    checkin_weekday: form.day as Preferences["checkin_weekday"],
    checkin_time: form.time,
  };
}

export function ReminderSettings() {
  const [form, setForm] = useState<Form | null>(null);
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldMessages(problem);

  const show = useCallback((answer: Schemas["Reminders"]) => {
    setForm(formOf(answer.preferences));
    setSchedules(answer.schedules);
  }, []);

  useEffect(() => {
    void settle(api.GET("/v1/reminders")).then((outcome) =>
      outcome.ok ? show(outcome.data) : setProblem(outcome.problem),
    );
  }, [show]);

  if (!form) return <ProblemNote problem={problem} />;
  const set = (patch: Partial<Form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const save = async () => {
    const outcome = await settle(api.PUT("/v1/reminders", { body: preferencesOf(form) }));
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setSaved(true);
    show(outcome.data);
  };

  const toggle = (name: "workout" | "meals" | "hydration" | "checkin", label: string) => (
    <label className="choice">
      <input
        type="checkbox"
        checked={form[name]}
        onChange={(e) => set({ [name]: e.target.checked })}
      />
      {label}
    </label>
  );
  const time = (name: keyof Form, label: string, error?: string) => (
    <Field label={label} error={error}>
      {(control) => (
        <input
          {...control}
          type="time"
          value={String(form[name])}
          onChange={(e) => set({ [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <section className="card" aria-labelledby="reminder-settings">
      <h2 id="reminder-settings">Reminder settings</h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset className="choices">
          <legend>Send reminders for</legend>
          {toggle("workout", "Workouts")}
          {toggle("meals", "Meals")}
          {toggle("hydration", "Hydration")}
          {toggle("checkin", "Weekly check-in")}
        </fieldset>
        <div className="row">
          {time("quietStart", "Quiet hours start", errors["quiet_hours.start"])}
          {time("quietEnd", "Quiet hours end", errors["quiet_hours.end"])}
          {time("wakeStart", "Waking hours start", errors["waking_hours.start"])}
          {time("wakeEnd", "Waking hours end", errors["waking_hours.end"])}
        </div>
        <div className="row">
          <Field label="Workout lead (minutes)" error={errors.workout_lead_minutes}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={form.lead}
                onChange={(e) => set({ lead: e.target.value })}
              />
            )}
          </Field>
          <Field label="Hydration every (minutes)" error={errors.hydration_interval_minutes}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={form.interval}
                onChange={(e) => set({ interval: e.target.value })}
              />
            )}
          </Field>
          <Field label="Check-in day" error={errors.checkin_weekday}>
            {(control) => (
              <select {...control} value={form.day} onChange={(e) => set({ day: e.target.value })}>
                {WEEKDAYS.map((day) => (
                  <option key={day} value={day}>
                    {day}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {time("time", "Check-in time", errors.checkin_time)}
        </div>
        {problem?.code !== "validation_failed" && <ProblemNote problem={problem} />}
        <button type="submit">Save reminders</button> {saved && <output>Saved.</output>}
      </form>
      {schedules.length > 0 && (
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
            {schedules.map((schedule) => (
              <tr key={schedule.key}>
                <th scope="row">{labelOf(schedule.key.replace(/^reminder:/, ""))}</th>
                <td>{new Date(schedule.next_at).toLocaleString()}</td>
                <td>
                  {schedule.recurrence
                    ? `${schedule.recurrence.time} ${schedule.recurrence.weekdays?.join(", ") ?? "daily"}`
                    : "once"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
