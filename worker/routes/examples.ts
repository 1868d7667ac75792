// Example values for the OpenAPI document, shared by the operations that send or return the
// same things. Each is typed by its schema where it is used, so an example cannot drift.

export const USER_ID = "0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11";
export const AT = "2026-11-23T18:30:00.000Z";

export const USER = {
  id: USER_ID,
  email: "sam@example.com",
  name: "Sam",
  email_verified: false,
  pending_email: null,
  account_status: "active" as const,
  sign_in_method: "password" as const,
  onboarding_completed: true,
  onboarding_completed_at: "2026-11-23T09:05:00.000Z",
  created_at: "2026-11-23T09:00:00.000Z",
  updated_at: "2026-11-23T09:05:00.000Z",
};

export const TOKEN_PAIR = {
  access_token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwYjdlN2E5ZSJ9.c2lnbmF0dXJl",
  refresh_token: "rt_Vb3yP0x2Q9m7K1n4R8s6T5u3W1z0A2c4E6g8I0k2M4o",
  token_type: "Bearer" as const,
  expires_in: 1800,
};

export const EXERCISE = {
  id: "barbell-back-squat",
  name: "Barbell Back Squat",
  category: "strength" as const,
  primary_muscles: ["quads" as const, "glutes" as const],
  secondary_muscles: ["hamstrings" as const, "lower_back" as const, "adductors" as const],
  equipment: ["barbell" as const],
  mechanic: "compound" as const,
  force: "push" as const,
  level: "intermediate" as const,
  pattern: "squat" as const,
  cues: ["Brace before you descend", "Knees track over toes", "Drive up through mid-foot"],
  contraindications: ["knee" as const, "lower_back" as const],
  image_url: null,
  source: "builtin" as const,
  source_id: null,
};

export const JOB_ID = "job_4f1c0a7d2b9e4e0f8a6c3d5b7e9f1a2c";
export const PROGRAM_ID = "prg_7d2b9e4e0f8a6c3d";

export const JOB = {
  job_id: JOB_ID,
  status: "in_progress" as const,
  progress: 40,
  stage: "personalise" as const,
  created_at: "2026-11-23T09:00:00.000Z",
  started_at: "2026-11-23T09:00:00.010Z",
  completed_at: null,
  program_id: null,
  error_message: null,
};

export const PROGRAM_SUMMARY = {
  id: PROGRAM_ID,
  job_id: JOB_ID,
  name: "Upper/Lower Muscle Gain, 8 weeks",
  description: "Four sessions a week alternating upper and lower body, with a deload in week 8.",
  goal: "muscle_gain" as const,
  fitness_level: "intermediate" as const,
  duration_weeks: 8,
  days_per_week: 4,
  is_active: true,
  starts_on: "2026-11-23",
  created_at: "2026-11-23T09:00:01.000Z",
  activated_at: "2026-11-23T09:00:01.000Z",
  personalisation: { applied: false, reason: "no_api_key" as const },
};

export const PROGRAM_DAY = {
  weekday: "mon" as const,
  focus: "lower" as const,
  estimated_minutes: 58,
  exercises: [
    {
      exercise_id: "barbell-back-squat",
      name: "Barbell Back Squat",
      primary_muscles: ["quads" as const, "glutes" as const],
      secondary_muscles: ["hamstrings" as const],
      equipment: ["barbell" as const],
      sets: 4,
      rep_min: 6,
      rep_max: 8,
      target_rir: 2,
      rest_seconds: 180,
      progression: "double_progression" as const,
      notes: "Add load once every set reaches 8 reps at 2 RIR.",
    },
  ],
};

export const PROGRAM = {
  ...PROGRAM_SUMMARY,
  weeks: [{ week: 1, deload: false, days: [PROGRAM_DAY] }],
  notes: [],
};
