// Every machine-readable `error.code` the API answers: its HTTP status and what it means for
// a client. The one table from domain errors to HTTP: REST routes answer a DomainError with its
// status, chat and the agent API pass it to the model as a tool error. The OpenAPI document
// lists, per operation and status, which of these that operation can return
// (worker/routes/define-route.ts), and docs/api.md (API conventions) points here for the full list.

const TABLE = {
  // Any route
  bad_request: [400, "The body is not valid JSON."],
  validation_failed: [
    422,
    "A field, query parameter or path parameter is invalid or unknown; `details` lists `{field, code, message}`.",
  ],
  payload_too_large: [413, "The body is larger than 64 KiB."],
  unsupported_media_type: [
    415,
    "The body is not sent as UTF-8 JSON (Content-Type: application/json, no other charset).",
  ],
  not_found: [404, "No such route."],
  internal_error: [500, "Unexpected server error; the logs have it under the request id."],
  misconfigured: [503, "The service is temporarily unavailable (a configuration problem)."],
  http_error: [400, "The request could not be processed."],
  // Authentication
  unauthorized: [401, "Missing, expired or invalid bearer token (or ticket, or signature)."],
  invalid_credentials: [401, "Wrong email or password."],
  invalid_refresh_token: [401, "The refresh token is unknown, expired, revoked or already used."],
  account_not_found: [401, "The account of this token no longer exists."],
  account_deleted: [401, "The account of this token was deleted."],
  account_suspended: [403, "The account is suspended."],
  session_revoked: [
    401,
    "The session was ended (password changed or reset, account suspended, or signed out everywhere): sign in again.",
  ],
  wrong_password: [403, "The password given to confirm this is wrong."],
  reauthentication_required: [
    403,
    "Sign in with the identity provider again, then retry within REAUTH_MAX_AGE_SECONDS.",
  ],
  email_not_verified: [
    403,
    "The account's email is not verified yet: open the link mailed at signup (POST /v1/auth/email/verification sends a new one).",
  ],
  external_account: [
    409,
    "The account signs in through an identity provider, which owns its password and email.",
  ],
  invalid_reset_token: [400, "The password reset token is unknown, used or expired."],
  invalid_verification_token: [400, "The email verification token is unknown, used or expired."],
  invalid_cancel_token: [400, "The email change's cancel token is unknown, used or expired."],
  turnstile_failed: [403, "The Turnstile human check is missing or failed."],
  email_already_verified: [409, "The address is already verified."],
  export_limit_reached: [
    429,
    "The data exports of the last 24 hours are used up; retry after `Retry-After` seconds.",
  ],
  rate_limited: [429, "Too many requests; retry after `Retry-After` seconds."],
  forbidden: [
    403,
    "The resource belongs to someone else (or the agent's user is gone; or the route is for operators).",
  ],
  session_ended: [403, "The voice session of this agent token has ended."],
  agent_socket_limit: [
    409,
    "The room already has as many agent event sockets open as allowed (2); close one first.",
  ],
  transcript_full: [409, "The call already holds the most transcript turns a call keeps (500)."],
  upgrade_required: [426, "The route is a WebSocket: open it with an upgrade request."],
  // Accounts and onboarding
  email_taken: [409, "An account with this email already exists."],
  step_not_found: [404, "No onboarding step of that name."],
  onboarding_completed: [409, "Onboarding is complete; change the profile instead."],
  onboarding_incomplete: [409, "Steps are missing; `details.missing_steps` lists them."],
  profile_not_found: [404, "No profile yet: onboarding is not complete."],
  precondition_failed: [
    412,
    "If-Match names an older version: the resource changed since it was read; read it again.",
  ],
  // Catalog, programs, tracking
  exercise_not_found: [404, "No exercise with this id."],
  job_not_found: [404, "No program job with this id."],
  // Backups (operators)
  backup_not_found: [404, "The user has no snapshot with this id."],
  backup_incompatible: [
    409,
    "The snapshot does not fit this version's storage (taken by a newer version: deploy it first); nothing was changed.",
  ],
  point_in_time_unavailable: [
    501,
    "This runtime keeps no storage history (local development): restore from a snapshot.",
  ],
  program_not_found: [404, "No program with this id."],
  program_quota_exceeded: [
    429,
    "The program generations of the last 24 hours are used up; retry after `Retry-After` seconds.",
  ],
  idempotency_key_reused: [
    422,
    "This Idempotency-Key was already used with a different body; `details.job_id` is its job.",
  ],
  no_active_program: [409, "There is no active program."],
  no_session_that_day: [409, "The active program has no session on that day."],
  session_not_found: [404, "No workout session with this id."],
  set_not_found: [404, "No set with this id in this session."],
  client_id_reused: [409, "This client_id was already used for another record."],
  // Swaps (the lifter's loop)
  exercise_not_planned: [409, "The exercise is not in the planned session of that day."],
  swap_not_allowed: [
    409,
    "The replacement does not fill the slot (pattern, muscles), is not allowed by equipment, injuries or level, is already planned, or would exceed the weekly set cap; the message says which.",
  ],
  // Sync (docs/sync.md)
  version_conflict: [
    409,
    "The record changed since the op's base_version; the op's result carries the record now.",
  ],
  op_id_reused: [409, "This op_id was already used for a different op."],
  cursor_expired: [
    410,
    "The sync cursor has expired (`details.reason`): pull again from the beginning.",
  ],
  // Notifications
  notification_not_found: [404, "No notification with this id."],
  device_not_found: [404, "No device with this id."],
  // Chat
  conversation_not_found: [404, "No conversation with this id."],
  chat_budget_exceeded: [
    429,
    "The chat tokens of the last 24 hours are used up; retry after `Retry-After` seconds.",
  ],
  llm_unavailable: [503, "Coach chat is not available (no language model is configured)."],
  llm_error: [502, "The language model failed to answer."],
  llm_timeout: [504, "The language model did not answer in time."],
  // Voice
  voice_session_not_found: [404, "No voice session with this room name."],
  voice_unavailable: [500, "LiveKit failed or could not be reached."],
  voice_session_active: [
    409,
    "The user already has as many live calls as allowed; `details.active_sessions` lists them (rejoin or end one).",
  ],
  voice_budget_exceeded: [
    429,
    "The voice minutes of the last 24 hours are used up; retry after `Retry-After` seconds.",
  ],
  voice_room_quota_exceeded: [
    429,
    "As many voice rooms as allowed were created in the last 24 hours (VOICE_ROOMS_PER_DAY); retry after `Retry-After` seconds.",
  ],
  tool_not_found: [404, "No tool with this name."],
  tool_not_allowed: [403, "This coach may not use that tool."],
  // Coach tools (what the model hears; a REST route answering one uses the same status)
  unknown_exercise: [422, "No exercise with this id."],
  invalid_arguments: [422, "The tool's arguments do not match its schema."],
  no_session_today: [409, "There is no planned session today."],
  day_taken: [409, "There is already a session on that day."],
  day_passed: [409, "That day has already passed this week."],
  no_meal: [409, "The meal plan has no meal."],
  // Foods, meal photos and the meal plan (issue 32)
  food_not_found: [404, "No food with this id or barcode (built-in, cached or at the provider)."],
  provider_rate_limited: [
    429,
    "The food database needed is over its rate limit; retry after `Retry-After` seconds.",
  ],
  provider_unavailable: [502, "The food database needed failed or could not be reached."],
  meal_draft_not_found: [404, "No unconfirmed plate-photo draft with this id."],
  meal_photos_exceeded: [
    429,
    "The plate photos of the last 24 hours are used up (MEAL_PHOTOS_PER_DAY); retry after `Retry-After` seconds.",
  ],
  no_such_meal_slot: [404, "The meal plan has no meal in this slot."],
  // Operators (/admin)
  user_not_found: [404, "No user with this id."],
  last_admin: [409, "This is the last active admin: make another admin first."],
  issue_not_found: [404, "No operator issue of this kind with this id."],
  issue_resolved: [409, "The issue was already retried or dropped."],
  exercise_exists: [409, "An exercise with this id already exists."],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof TABLE;

export const ERROR_CODES = Object.fromEntries(
  Object.entries(TABLE).map(([code, [, description]]) => [code, description]),
) as Record<ErrorCode, string>;

/** The HTTP status a domain error with this code is answered with. */
export const statusOf = (code: ErrorCode) => TABLE[code][0];

/** The codes answered with one status, so a helper for 404s takes only 404 codes. */
export type CodeWithStatus<S extends number> = {
  [K in ErrorCode]: (typeof TABLE)[K][0] extends S ? K : never;
}[ErrorCode];
