// Every machine-readable `error.code` the API answers, with what it means for a client. The
// OpenAPI document lists, per operation and status, which of these that operation can return
// (worker/routes/define-route.ts), and the README's error table is this list.

export const ERROR_CODES = {
  // Any route
  bad_request: "The body is not valid JSON.",
  validation_failed:
    "A field, query parameter or path parameter is invalid or unknown; `details` lists `{field, message}`.",
  payload_too_large: "The body is larger than 64 KiB.",
  not_found: "No such route.",
  internal_error: "Unexpected server error; the logs have it under the request id.",
  misconfigured: "The service is temporarily unavailable (a configuration problem).",
  http_error: "The request could not be processed.",
  // Authentication
  unauthorized: "Missing, expired or invalid bearer token (or ticket, or signature).",
  invalid_credentials: "Wrong email or password.",
  invalid_refresh_token: "The refresh token is unknown, expired, revoked or already used.",
  account_not_found: "The account of this token no longer exists.",
  rate_limited: "Too many requests; retry after `Retry-After` seconds.",
  forbidden: "The resource belongs to someone else (or the agent's user is gone).",
  session_ended: "The voice session of this agent token has ended.",
  upgrade_required: "The route is a WebSocket: open it with an upgrade request.",
  // Accounts and onboarding
  email_taken: "An account with this email already exists.",
  step_not_found: "No onboarding step of that name.",
  onboarding_completed: "Onboarding is complete; change the profile instead.",
  onboarding_incomplete: "Steps are missing; `details.missing_steps` lists them.",
  profile_not_found: "No profile yet: onboarding is not complete.",
  // Catalog, programs, tracking
  exercise_not_found: "No exercise with this id.",
  job_not_found: "No program job with this id.",
  program_not_found: "No program with this id.",
  no_active_program: "There is no active program.",
  no_session_that_day: "The active program has no session on that day.",
  session_not_found: "No workout session with this id.",
  set_not_found: "No set with this id in this session.",
  client_id_reused: "This client_id was already used for another record.",
  // Notifications
  notification_not_found: "No notification with this id.",
  device_not_found: "No device with this id.",
  // Chat
  conversation_not_found: "No conversation with this id.",
  chat_budget_exceeded: "Today's chat token allowance is used up; it resets at local midnight.",
  llm_unavailable: "Coach chat is not available (no language model is configured).",
  llm_error: "The language model failed to answer.",
  llm_timeout: "The language model did not answer in time.",
  // Voice
  voice_session_not_found: "No voice session with this room name.",
  voice_unavailable: "LiveKit failed or could not be reached.",
  tool_not_found: "No tool with this name.",
  tool_not_allowed: "This coach may not use that tool.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
