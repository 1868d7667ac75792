CREATE TABLE `admin_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`admin_id` text NOT NULL,
	`action` text NOT NULL,
	`target_user_id` text,
	`target` text,
	`reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `admin_audit_admin_idx` ON `admin_audit` (`admin_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `admin_audit_target_user_idx` ON `admin_audit` (`target_user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `operator_issues` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`error` text NOT NULL,
	`at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operator_issues_ref_unique` ON `operator_issues` (`user_id`,`kind`,`ref_id`);--> statement-breakpoint
CREATE INDEX `operator_issues_open_idx` ON `operator_issues` (`kind`,`resolved_at`,`at`);--> statement-breakpoint
ALTER TABLE `exercises` ADD `retired_at` text;--> statement-breakpoint
ALTER TABLE `users` ADD `role` text DEFAULT 'user' NOT NULL;