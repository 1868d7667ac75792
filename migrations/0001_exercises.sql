CREATE TABLE `exercises` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`primary_muscles` text NOT NULL,
	`secondary_muscles` text NOT NULL,
	`equipment` text NOT NULL,
	`mechanic` text NOT NULL,
	`force` text,
	`level` text NOT NULL,
	`pattern` text NOT NULL,
	`cues` text NOT NULL,
	`contraindications` text NOT NULL,
	`image_url` text,
	`source` text NOT NULL,
	`source_id` text,
	`content_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exercises_pattern_idx` ON `exercises` (`pattern`);--> statement-breakpoint
CREATE INDEX `exercises_level_idx` ON `exercises` (`level`);--> statement-breakpoint
CREATE INDEX `exercises_name_idx` ON `exercises` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `exercises_source_unique` ON `exercises` (`source`,`source_id`);