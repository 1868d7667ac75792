import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useState } from "react";
import { WEEKDAYS } from "../../../kernel/dates";
import { api } from "../api/client";
import { type FieldLabels, fieldMessages } from "../api/field-messages";
import { type Problem, settle } from "../api/problems";
import { Field } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { weekdayName } from "../components/times";
import { numberFrom } from "../workout/units";
import { rereadIn, type Schedule, UpcomingReminders } from "./UpcomingReminders";

// Reminder settings (GET/PUT /v1/reminders) and the schedules they make: each reminder is a
// recurring local time in the user's timezone, run by the user's actor's alarm.

type Preferences = Schemas["ReminderPreferences"];
type Form = Record<
  "quietStart" | "quietEnd" | "wakeStart" | "wakeEnd" | "lead" | "interval" | "day" | "time",
  string
> &
  Record<"workout" | "meals" | "hydration" | "checkin", boolean>;

const LABELS: FieldLabels = {
  "quiet_hours.start": "Quiet hours start",
  "quiet_hours.end": "Quiet hours end",
  "waking_hours.start": "Waking hours start",
  "waking_hours.end": "Waking hours end",
  workout_lead_minutes: "Workout lead",
  hydration_interval_minutes: "Hydration interval",
  checkin_weekday: { label: "Check-in day", choose: true },
  checkin_time: "Check-in time",
};

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
  const errors = fieldMessages(problem, LABELS);

  const show = useCallback((answer: Schemas["Reminders"]) => {
    setForm(formOf(answer.preferences));
    setSchedules(answer.schedules);
  }, []);

  useEffect(() => {
    void settle(api.GET("/v1/reminders")).then((outcome) =>
      outcome.ok ? show(outcome.data) : setProblem(outcome.problem),
    );
  }, [show]);

  // Once the soonest is due (and sent), read the schedules again: it has moved on.
  useEffect(() => {
    const delay = rereadIn(schedules);
    if (delay === null) return;
    const timer = setTimeout(async () => {
      const { data } = await api.GET("/v1/reminders");
      if (data) setSchedules(data.schedules);
    }, delay);
    return () => clearTimeout(timer);
  }, [schedules]);

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
                    {weekdayName(day)}
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
      <UpcomingReminders schedules={schedules} />
    </section>
  );
}
