import { ZodError } from "zod";
import { negotiateLocale } from "../../engine/i18n/locale";
import { isStepName, normaliseStep, STEP_NAMES } from "../../engine/onboarding/steps";
import { fieldErrors } from "../../kernel/field-errors";
import { userActor } from "../actor";
import { notFound, unwrap, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { sendJsonText } from "../responses";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import {
  OnboardingStateSchema,
  STEP_EXAMPLES,
  StepBody,
  StepParam,
  stepSchemaComponents,
} from "./onboarding.schemas";
import { PROFILE_EXAMPLE, ProfileSchema } from "./profile.schemas";
import { routeGroup } from "./route-group";

const STATE_EXAMPLE = {
  current_step: "goals" as const,
  steps: [
    { name: "basics", status: "saved" as const, data: STEP_EXAMPLES.basics },
    ...STEP_NAMES.slice(1).map((name) => ({ name, status: "pending" as const, data: null })),
  ],
  progress_percent: 13,
  completed: false,
};

const getRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getOnboarding",
  tags: ["onboarding"],
  summary: "Onboarding progress and the data saved so far",
  description:
    "Each of the eight steps with its status and saved data, the next step and progress.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 200: jsonResponse(OnboardingStateSchema, "The state.", STATE_EXAMPLE) },
});

const putStepRoute = defineRoute({
  method: "put",
  path: "/steps/{step}",
  operationId: "saveOnboardingStep",
  tags: ["onboarding"],
  summary: "Save one onboarding step",
  description:
    `Steps: ${STEP_NAMES.join(", ")}. Any order; a step can be saved again until onboarding is ` +
    "completed. Saved durably before the answer; nothing is stored from an invalid body.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { params: StepParam, body: jsonBody(StepBody, STEP_EXAMPLES.basics) },
  responses: { 200: jsonResponse(OnboardingStateSchema, "Saved; the new state.", STATE_EXAMPLE) },
  errors: { 404: ["step_not_found"], 409: ["onboarding_completed"] },
});

const completeRoute = defineRoute({
  method: "post",
  path: "/complete",
  operationId: "completeOnboarding",
  tags: ["onboarding"],
  summary: "Finish onboarding: write the profile and compute nutrition targets",
  description:
    "409 `onboarding_incomplete` lists the missing steps in `details.missing_steps`. Idempotent.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 200: jsonResponse(ProfileSchema, "The profile.", PROFILE_EXAMPLE) },
  errors: { 409: ["onboarding_incomplete"] },
});

export const onboardingRoutes = routeGroup()
  .openapi(getRoute, async (c) => {
    // The actor's JSON text of OnboardingStateSchema's shape, sent as it is.
    return sendJsonText(c, await userActor(c).onboarding.json());
  })
  .openapi(putStepRoute, async (c) => {
    const { step } = c.req.valid("param");
    if (!isStepName(step))
      throw notFound(
        `Unknown onboarding step "${step}". Steps: ${STEP_NAMES.join(", ")}.`,
        "step_not_found",
      );
    let data: Record<string, unknown>;
    const body = c.req.valid("json") as Record<string, unknown>;
    // The language defaults from the app's Accept-Language the first time basics are saved.
    const language = c.req.header("accept-language");
    const input =
      step === "basics" && body.locale === undefined && language
        ? { ...body, locale: negotiateLocale(language) }
        : body;
    try {
      data = normaliseStep(step, input);
    } catch (error) {
      if (error instanceof ZodError) throw validationFailed(fieldErrors(error.issues));
      throw error;
    }
    return sendJsonText(c, unwrap(await userActor(c).onboarding.saveStep(step, data)));
  })
  .openapi(completeRoute, async (c) => {
    return c.json(unwrap(await userActor(c).onboarding.complete()), 200);
  });

for (const { name, schema, example } of stepSchemaComponents)
  onboardingRoutes.openAPIRegistry.register(name, schema.openapi({ example }));
