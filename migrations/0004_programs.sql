CREATE TABLE `programs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`job_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`goal` text NOT NULL,
	`fitness_level` text NOT NULL,
	`duration_weeks` integer NOT NULL,
	`days_per_week` integer NOT NULL,
	`content` text NOT NULL,
	`personalisation` text,
	`is_active` integer DEFAULT false NOT NULL,
	`starts_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`activated_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_job_unique` ON `programs` (`job_id`);--> statement-breakpoint
CREATE INDEX `programs_user_created_idx` ON `programs` (`user_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `programs_one_active_per_user` ON `programs` (`user_id`) WHERE "programs"."is_active" = 1;