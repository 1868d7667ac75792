-- Issue 21: a user's logs (workout sessions and sets, body weights, meal logs) move from D1 into
-- that user's actor (UserActor storage, schema version 9). No data is copied: the service has
-- never been deployed, so no database holds logs yet. Sets go first (they reference sessions).
DROP TABLE `workout_sets`;--> statement-breakpoint
DROP TABLE `workout_sessions`;--> statement-breakpoint
DROP TABLE `meal_logs`;--> statement-breakpoint
DROP TABLE `body_weights`;
