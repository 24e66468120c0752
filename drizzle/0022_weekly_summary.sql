ALTER TYPE "public"."message_kind" ADD VALUE 'weekly_summary';--> statement-breakpoint
ALTER TABLE "counselor_alert_preferences" ADD COLUMN "weekly_summary" boolean DEFAULT false NOT NULL;