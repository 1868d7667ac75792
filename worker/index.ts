import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppEnv } from "./app-env";
import { handleError, handleNotFound } from "./error-handler";
import { ApiError } from "./errors";
import { requireConfig } from "./middleware/config";
import { requestContext } from "./middleware/request-context";
import { agentRoutes } from "./routes/agent";
import { authRoutes } from "./routes/auth";
import { chatRoutes } from "./routes/chat";
import { mountDocs } from "./routes/docs";
import { exerciseRoutes } from "./routes/exercises";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { notificationRoutes } from "./routes/notifications";
import { onboardingRoutes } from "./routes/onboarding";
import { profileRoutes } from "./routes/profile";
import { programRoutes } from "./routes/programs";
import { progressRoutes } from "./routes/progress";
import { realtimeRoutes } from "./routes/realtime";
import { trackingRoutes } from "./routes/tracking";
import { voiceRoutes } from "./routes/voice";
import { webhookRoutes } from "./routes/webhooks";
import { workoutRoutes } from "./routes/workouts";

export { RateLimiter } from "../durable-objects/rate-limiter";
export { UserActor } from "../durable-objects/user-actor";

const MAX_BODY_BYTES = 64 * 1024;

const app = new OpenAPIHono<AppEnv>();

app.use(requestContext());
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
app.use(
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, "payload_too_large", "Request body is larger than 64 KiB.");
    },
  }),
);

app.route("/", healthRoutes);
app.route("/", authRoutes);
app.route("/", meRoutes);
app.route("/", exerciseRoutes);
app.route("/", onboardingRoutes);
app.route("/", profileRoutes);
app.route("/", programRoutes);
app.route("/", workoutRoutes);
app.route("/", trackingRoutes);
app.route("/", progressRoutes);
app.route("/", notificationRoutes);
app.route("/", voiceRoutes);
app.route("/", webhookRoutes);
app.route("/", agentRoutes);
app.route("/", chatRoutes);
app.route("/", realtimeRoutes);
mountDocs(app);

app.onError(handleError);
app.notFound(handleNotFound);

export default app;
