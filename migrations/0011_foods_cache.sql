CREATE TABLE `food_lookups` (
	`key` text PRIMARY KEY NOT NULL,
	`food_ids` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `foods` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`barcode` text,
	`search_text` text NOT NULL,
	`food` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `foods_barcode_idx` ON `foods` (`barcode`);--> statement-breakpoint
CREATE TABLE `provider_cooldowns` (
	`provider` text PRIMARY KEY NOT NULL,
	`until` text NOT NULL
);
