ALTER TYPE "public"."message_kind" ADD VALUE 'not_on_track_alert';--> statement-breakpoint
ALTER TABLE "counselor_alert_preferences" ADD COLUMN "not_on_track" boolean DEFAULT true NOT NULL;