CREATE TABLE `voice_sessions` (
	`room_name` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`agent_type` text NOT NULL,
	`mode` text NOT NULL,
	`status` text DEFAULT 'created' NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`ended_at` text,
	`duration_seconds` integer,
	`participants_joined` integer DEFAULT 0 NOT NULL,
	`agent_joined` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `voice_sessions_user_idx` ON `voice_sessions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`event` text NOT NULL,
	`room_name` text,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
