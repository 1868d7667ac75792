import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import type { AppEnv } from "./app-env";
import { handleError, handleNotFound } from "./error-handler";
import { requireConfig } from "./middleware/config";
import { requireJsonBody } from "./middleware/request-body";
import { requestContext } from "./middleware/request-context";
import { requestMetrics } from "./middleware/request-metrics";
import { MemoRouter } from "./router";
import { adminCatalogRoutes } from "./routes/admin-catalog";
import { adminJobRoutes } from "./routes/admin-jobs";
import { adminScheduleRoutes } from "./routes/admin-schedules";
import { adminUserRoutes } from "./routes/admin-users";
import { agentRoutes } from "./routes/agent";
import { authRoutes } from "./routes/auth";
import { authEmailRoutes } from "./routes/auth-email";
import { authPasswordRoutes } from "./routes/auth-password";
import { bodyRoutes } from "./routes/body";
import { capabilityRoutes } from "./routes/capabilities";
import { chatRoutes } from "./routes/chat";
import { coachRoutes } from "./routes/coach";
import { deviceRoutes } from "./routes/devices";
import { mountDocs } from "./routes/docs";
import { exerciseRoutes } from "./routes/exercises";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { mealRoutes } from "./routes/meals";
import { notificationRoutes } from "./routes/notifications";
import { nutritionRoutes } from "./routes/nutrition";
import { onboardingRoutes } from "./routes/onboarding";
import { profileRoutes } from "./routes/profile";
import { programRoutes } from "./routes/programs";
import { progressRoutes } from "./routes/progress";
import { realtimeRoutes } from "./routes/realtime";
import { reminderRoutes } from "./routes/reminders";
import { voiceRoutes } from "./routes/voice";
import { webhookRoutes } from "./routes/webhooks";
import { workoutRoutes } from "./routes/workouts";

export { DeletedAccountUsage } from "../durable-objects/account/deleted-account-usage";
export { RateLimiter } from "../durable-objects/rate-limiter";
export { UserActor } from "../durable-objects/user-actor";

const app = new OpenAPIHono<AppEnv>({ router: new MemoRouter() });

app.use(requestContext());
app.use(requestMetrics());
app.use(requireConfig());
app.use(
  cors({
    origin: (origin, c) => {
      const allowed = (c.get("config") as AppEnv["Variables"]["config"]).CORS_ORIGINS;
      return allowed.includes("*") ? "*" : allowed.includes(origin) ? origin : null;
    },
    allowHeaders: [
      "Authorization",
      "Content-Type",
      "Idempotency-Key",
      "If-None-Match",
      "X-Request-Id",
    ],
    exposeHeaders: ["ETag", "Retry-After", "X-Request-Id"],
    maxAge: 600,
  }),
);
app.use(requireJsonBody());

// The URL map: one route group a prefix, each in worker/routes/<group>.ts.
app.route("/health", healthRoutes);
app.route("/v1/capabilities", capabilityRoutes);
app.route("/v1/auth", authRoutes);
app.route("/v1/auth/password", authPasswordRoutes);
app.route("/v1/auth/email", authEmailRoutes);
app.route("/v1/me", meRoutes);
app.route("/v1/exercises", exerciseRoutes);
app.route("/v1/onboarding", onboardingRoutes);
app.route("/v1/profile", profileRoutes);
app.route("/v1/coach", coachRoutes);
app.route("/v1/programs", programRoutes);
app.route("/v1/workouts", workoutRoutes);
app.route("/v1/body", bodyRoutes);
app.route("/v1/meals", mealRoutes);
app.route("/v1/nutrition", nutritionRoutes);
app.route("/v1/progress", progressRoutes);
app.route("/v1/reminders", reminderRoutes);
app.route("/v1/notifications", notificationRoutes);
app.route("/v1/devices", deviceRoutes);
app.route("/v1/realtime", realtimeRoutes);
app.route("/v1/voice", voiceRoutes);
app.route("/v1/chat", chatRoutes);
app.route("/v1/webhooks", webhookRoutes);
app.route("/internal/agent", agentRoutes);
// Operators only (requireAdmin on every route); their own document at /admin/openapi.json.
app.route("/admin/users", adminUserRoutes);
app.route("/admin/jobs", adminJobRoutes);
app.route("/admin/schedules", adminScheduleRoutes);
app.route("/admin/exercises", adminCatalogRoutes);
mountDocs(app);

app.onError(handleError);
app.notFound(handleNotFound);

export default app;
