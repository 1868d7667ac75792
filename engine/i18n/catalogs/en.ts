// English: the reference catalog. Its keys and `{holes}` type every call of `t()`; the other
// catalogs must have exactly these keys. Plural entries choose by `count`.

export const en = {
  // Names used inside other texts (lower case: they sit mid-sentence).
  "focus.full_body": "full body",
  "focus.upper": "upper body",
  "focus.lower": "lower body",
  "focus.push": "push",
  "focus.pull": "pull",
  "focus.legs": "legs",
  "meal.breakfast": "Breakfast",
  "meal.morning_snack": "Morning snack",
  "meal.lunch": "Lunch",
  "meal.afternoon_snack": "Afternoon snack",
  "meal.dinner": "Dinner",
  "meal.evening_snack": "Evening snack",

  // Reminders (push and inbox).
  "reminder.workout.title": "Today: {focus}",
  "reminder.workout.body_load": "{exercise} {load} × {reps} to start. Ready when you are!",
  "reminder.workout.body": {
    one: "Start with {exercise}: {count} set of {reps}. Ready when you are!",
    other: "Start with {exercise}: {count} sets of {reps}. Ready when you are!",
  },
  "reminder.workout.body_plain": "Your session is coming up. Ready when you are!",
  "reminder.workout.deload": "Deload week: lighter on purpose.",
  "reminder.meal.title": "{meal} time",
  "reminder.meal.body": {
    one: "Time for your meal of the day. Log it once you have eaten.",
    other: "Time for meal {number} of {count}. Log it once you have eaten.",
  },
  "reminder.hydration.title": "Drink some water",
  "reminder.hydration.body": "A glass of water now keeps you on track.",
  "reminder.checkin.title": "Weekly check-in",
  "reminder.checkin.body": "How did this week go? Log your weight and tell your coach.",
  "reminder.nudge.title": "Missed yesterday's workout?",
  "reminder.nudge.body":
    "Your {focus} session on {day} did not happen. No problem: a short workout today gets you back on track.",
  "reminder.streak.title": "Your streak is on the line",
  "reminder.streak.body": {
    one: "You did your last planned session. Today's {focus} session keeps it going, and there is still time tonight.",
    other:
      "{count} planned sessions in a row. Today's {focus} session keeps it going, and there is still time tonight.",
  },

  // Program adaptation (the daily check's notification).
  "adaptation.title": "Your plan was adjusted",
  "adaptation.session_dropped_week_over":
    "The missed {day} session of week {week} is not made up: that week is over.",
  "adaptation.session_dropped_no_day":
    "The {focus} session planned for {day} is dropped this week: no free day is left and sessions are never doubled up.",
  "adaptation.session_moved": "The {focus} session from {from_day} moves to {to_day}.",
  "adaptation.exercise_swapped":
    "{exercise} has stalled; it is replaced by {replacement} from week {week}.",
  "adaptation.exercise_deloaded":
    "{exercise} has stalled; in week {week} use 90% of your last working load with one more rep in reserve, then build back up.",
  "adaptation.return_week": {
    one: "Week {week} is a return week after {count} day off: about half the sets and two more reps in reserve.",
    other:
      "Week {week} is a return week after {count} days off: about half the sets and two more reps in reserve.",
  },
  "adaptation.return_week_ease":
    "Week {week} eases back in: one set fewer per exercise and one more rep in reserve.",

  // Emails.
  "email.password_reset.subject": "Reset your Fitness Coach password",
  "email.password_reset.intro":
    "Someone (hopefully you) asked to reset the password of your Fitness Coach account.",
  "email.password_reset.link": {
    one: "Open this link within {count} minute to choose a new one. It works once.",
    other: "Open this link within {count} minutes to choose a new one. It works once.",
  },
  "email.password_reset.ignore":
    "If it was not you, ignore this email: your password stays as it is.",
  "email.verification.subject": "Confirm your email for Fitness Coach",
  "email.verification.body": "Confirm that this is your email address by opening this link:",
  "email.change.subject": "Your Fitness Coach email is changing",
  "email.change.body":
    "Someone signed in to your Fitness Coach account asked to change its email to {address}.",
  "email.change.cancel":
    "The change happens once the new address is confirmed. If it was not you, open this link to cancel it, then change your password (that signs every device out):",
  "email.password_changed.subject": "Your Fitness Coach password was changed",
  "email.password_changed.body":
    "The password of your Fitness Coach account was just changed, and every other device was signed out.",
  "email.password_changed.warning": "If it was not you, reset your password at once.",

  // Voice.
  "voice.language_not_offered":
    "Voice coaching is not offered in {language} yet, so your coach speaks English on calls. Chat answers in {language}.",

  // Errors: the human part of `error.message`, one per code of kernel/error-codes.ts.
  "error.bad_request": "The request body is not valid JSON.",
  "error.validation_failed": "Some fields are not valid; the details say which.",
  "error.payload_too_large": "The request is too large (64 KiB at most).",
  "error.unsupported_media_type": "Send the body as JSON.",
  "error.not_found": "There is nothing at this address.",
  "error.internal_error": "Something went wrong on our side. Please try again.",
  "error.misconfigured": "The service is unavailable for a moment. Please try again later.",
  "error.http_error": "The request could not be processed.",
  "error.unauthorized": "Please sign in again.",
  "error.invalid_credentials": "Wrong email or password.",
  "error.invalid_refresh_token": "Your session has expired. Please sign in again.",
  "error.account_not_found": "This account no longer exists.",
  "error.account_deleted": "This account was deleted.",
  "error.account_suspended": "This account is suspended.",
  "error.session_revoked":
    "Your session was ended (a password change, or signed out everywhere). Please sign in again.",
  "error.wrong_password": "The password is wrong.",
  "error.reauthentication_required":
    "For your security, sign in again, then retry within a few minutes.",
  "error.email_not_verified":
    "Confirm your email address first: open the link we emailed you (you can ask for a new one).",
  "error.external_account":
    "This account signs in through another provider, which manages its password and email.",
  "error.invalid_reset_token": "This password reset link is invalid, used or expired.",
  "error.invalid_verification_token": "This confirmation link is invalid, used or expired.",
  "error.invalid_cancel_token": "This cancellation link is invalid, used or expired.",
  "error.turnstile_failed": "The human check failed. Please try again.",
  "error.email_already_verified": "This email address is already confirmed.",
  "error.export_limit_reached": "You have used today's data exports. Try again tomorrow.",
  "error.rate_limited": "Too many requests. Wait a moment, then try again.",
  "error.forbidden": "You are not allowed to do this.",
  "error.session_ended": "This voice session has ended.",
  "error.transcript_full": "This call's transcript is full.",
  "error.upgrade_required": "This address needs a WebSocket connection.",
  "error.email_taken": "An account with this email already exists.",
  "error.step_not_found": "There is no onboarding step with this name.",
  "error.onboarding_completed": "Onboarding is already complete: change your profile instead.",
  "error.onboarding_incomplete": "Some onboarding steps are still missing.",
  "error.profile_not_found": "There is no profile yet: finish onboarding first.",
  "error.precondition_failed": "This changed since you loaded it. Reload it and try again.",
  "error.exercise_not_found": "There is no such exercise.",
  "error.job_not_found": "There is no such program job.",
  "error.program_not_found": "There is no such program.",
  "error.program_quota_exceeded":
    "You have built as many programs as allowed today. Try again tomorrow.",
  "error.agent_socket_limit":
    "This call already has as many agent connections as allowed. Close one first.",
  "error.voice_room_quota_exceeded":
    "You have started as many voice calls as allowed in the last 24 hours. Try again later.",
  "error.idempotency_key_reused": "This request key was already used for a different request.",
  "error.no_active_program": "You have no active program.",
  "error.no_session_that_day": "Your program has no session on that day.",
  "error.session_not_found": "There is no such workout session.",
  "error.set_not_found": "There is no such set in this session.",
  "error.client_id_reused": "This record id was already used for something else.",
  "error.notification_not_found": "There is no such notification.",
  "error.device_not_found": "There is no such device.",
  "error.conversation_not_found": "There is no such conversation.",
  "error.chat_budget_exceeded": "You have used today's coach chat. It resets at midnight.",
  "error.llm_unavailable": "Coach chat is not available right now.",
  "error.llm_error": "The coach could not answer. Please try again.",
  "error.llm_timeout": "The coach took too long to answer. Please try again.",
  "error.voice_session_not_found": "There is no such voice session.",
  "error.voice_unavailable": "Voice coaching is not available right now. Please try again.",
  "error.voice_session_active": "You already have a call going: rejoin it or end it first.",
  "error.voice_budget_exceeded": "You have used today's voice minutes. They come back tomorrow.",
  "error.tool_not_found": "There is no such tool.",
  "error.tool_not_allowed": "This coach cannot do that.",
  "error.unknown_exercise": "There is no such exercise.",
  "error.invalid_arguments": "The arguments are not valid.",
  "error.no_session_today": "There is no planned session today.",
  "error.day_taken": "There is already a session on that day.",
  "error.day_passed": "That day has already passed this week.",
  "error.no_meal": "The meal plan has no meals.",
  "error.user_not_found": "There is no such user.",
  "error.last_admin": "This is the last active admin: make someone else an admin first.",
  "error.issue_not_found": "There is no such issue.",
  "error.issue_resolved": "This issue was already retried or dropped.",
  "error.exercise_exists": "An exercise with this id already exists.",
  "error.backup_not_found": "There is no such snapshot for this user.",
  "error.backup_incompatible":
    "This snapshot does not fit this version's storage; nothing was changed.",
  "error.point_in_time_unavailable":
    "This server keeps no storage history: restore from a snapshot.",
  "error.exercise_not_planned": "This exercise is not in that day's planned session.",
  "error.swap_not_allowed": "That replacement cannot take this exercise's place.",
  "error.version_conflict": "This record was changed elsewhere in the meantime.",
  "error.op_id_reused": "This change was already sent with other content.",
  "error.cursor_expired": "Your offline copy is too old: download everything again.",
  "error.food_not_found": "We could not find this food.",
  "error.provider_rate_limited": "The food database is busy. Please try again shortly.",
  "error.provider_unavailable":
    "The food database cannot be reached right now. Please try again later.",
  "error.meal_draft_not_found": "There is no such photo draft to confirm.",
  "error.meal_photos_exceeded":
    "You have sent all the plate photos allowed for now. Please try again later.",
  "error.no_such_meal_slot": "The meal plan has no meal at this time of day.",

  // Field errors of a 422: they read after the field's name ("weight_kg must be a number").
  "validation.required": "is required",
  "validation.type": "must be {type}",
  "validation.type.number": "a number",
  "validation.type.int": "a whole number",
  "validation.type.string": "text",
  "validation.type.boolean": "true or false",
  "validation.type.array": "a list",
  "validation.type.object": "an object",
  "validation.type.date": "a date",
  "validation.equals": "must be {value}",
  "validation.one_of": "must be one of: {values}",
  "validation.not_empty": "must not be empty",
  "validation.min_chars": {
    one: "must be at least {count} character",
    other: "must be at least {count} characters",
  },
  "validation.max_chars": {
    one: "must be at most {count} character",
    other: "must be at most {count} characters",
  },
  "validation.at_least_one_item": "must have at least one item",
  "validation.min_items": {
    one: "must have at least {count} item",
    other: "must have at least {count} items",
  },
  "validation.max_items": {
    one: "must have at most {count} item",
    other: "must have at most {count} items",
  },
  "validation.on_or_after": "must be on or after {date}",
  "validation.on_or_before": "must be on or before {date}",
  "validation.min": "must be at least {limit}",
  "validation.more_than": "must be more than {limit}",
  "validation.max": "must be at most {limit}",
  "validation.less_than": "must be less than {limit}",
  "validation.pattern": "is not in the expected format",
  "validation.starts_with": 'must start with "{prefix}"',
  "validation.ends_with": 'must end with "{suffix}"',
  "validation.includes": 'must include "{text}"',
  "validation.format": "must be {format}",
  "validation.format.email": "a valid email address",
  "validation.format.url": "a URL",
  "validation.format.uuid": "a UUID",
  "validation.format.datetime": "a date and time (ISO 8601, e.g. 2026-11-23T09:00:00Z)",
  "validation.format.date": "a date YYYY-MM-DD",
  "validation.format.time": 'a time "HH:MM"',
  "validation.format.duration": "an ISO 8601 duration",
  "validation.format.other": "a valid {format}",
  "validation.multiple_of": "must be a multiple of {divisor}",
  "validation.unknown_field": "unknown field",
  "validation.not_accepted_value": "is not one of the accepted values",
  "validation.no_accepted_form": "does not match any accepted form",
  "validation.invalid_entry": "has an invalid entry",
  "validation.invalid": "is not valid",
  "validation.locale": "must be a language tag (BCP 47) in one of {languages}, e.g. {example}",
} as const;
