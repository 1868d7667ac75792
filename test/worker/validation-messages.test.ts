import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";
import { saveStep } from "./onboarding-helpers";

// A 422 names each bad field with a machine code and a message a person understands (what a
// console or app shows beside its own label), never zod's programmer text.

type Detail = { field: string; code: string; message: string };

const ZOD_WORDING = /Invalid (input|option)|expected \w+, received|Too (small|big)|Unrecognized/;

async function detailsOf(response: Response): Promise<Detail[]> {
  expect(response.status).toBe(422);
  const { error } = await json(response);
  expect(error.code).toBe("validation_failed");
  for (const detail of error.details as Detail[]) expect(detail.message).not.toMatch(ZOD_WORDING);
  return error.details;
}

describe("422 details", () => {
  it("say what is wrong with each onboarding field in plain words, beside a code", async () => {
    const user = await signUp();
    const details = await detailsOf(
      await saveStep(user.accessToken, "basics", {
        age: 7,
        height_cm: 180,
        weight_kg: "abc",
        unit_preference: "metric",
        timezone: "Europe/Berlin",
      }),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        { field: "age", code: "too_small", message: "must be at least 13" },
        { field: "sex", code: "required", message: "is required" },
        { field: "weight_kg", code: "invalid_type", message: "must be a number" },
      ]),
    );

    const wrongChoice = await detailsOf(
      await saveStep(user.accessToken, "basics", {
        age: 30,
        sex: "robot",
        height_cm: 180,
        weight_kg: 80,
        unit_preference: "metric",
        timezone: "Mars/Olympus",
      }),
    );
    expect(wrongChoice).toEqual([
      {
        field: "sex",
        code: "invalid_value",
        message: "must be one of: male, female, unspecified",
      },
      {
        field: "timezone",
        code: "invalid",
        message: "must be an IANA timezone name such as Europe/Berlin",
      },
    ]);
  });

  it("report a rule the schema checks itself (one of two fields) as required", async () => {
    const user = await signUp();
    const details = await detailsOf(
      await saveStep(user.accessToken, "basics", {
        sex: "female",
        height_cm: 170,
        weight_kg: 60,
        unit_preference: "metric",
        timezone: "Europe/Berlin",
      }),
    );
    expect(details).toEqual([
      { field: "age", code: "required", message: "is required (or give birth_year)" },
    ]);
  });

  it("name whole numbers, text lengths, formats and unknown fields", async () => {
    const user = await signUp();
    const schedule = await detailsOf(
      await saveStep(user.accessToken, "schedule", {
        days_per_week: 3.5,
        session_minutes: 500,
        preferred_time_of_day: "evening",
        colour: "blue",
      }),
    );
    expect(schedule).toEqual(
      expect.arrayContaining([
        { field: "days_per_week", code: "invalid_type", message: "must be a whole number" },
        { field: "session_minutes", code: "too_big", message: "must be at most 120" },
        { field: "colour", code: "unknown_field", message: "unknown field" },
      ]),
    );

    const signup = await detailsOf(
      await call("/v1/auth/signup", { body: { email: "not-an-email", name: "" } }),
    );
    expect(signup).toEqual(
      expect.arrayContaining([
        { field: "email", code: "invalid_format", message: "must be a valid email address" },
        { field: "password", code: "required", message: "is required" },
        { field: "name", code: "too_small", message: "must not be empty" },
      ]),
    );
  });
});
