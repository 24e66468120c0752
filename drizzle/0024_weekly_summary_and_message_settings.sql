ALTER TYPE "public"."message_kind" ADD VALUE 'weekly_summary';--> statement-breakpoint
CREATE TABLE "organisation_message_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"sender_name" text,
	"signature" text,
	"quiet_start" smallint DEFAULT 21 NOT NULL,
	"quiet_end" smallint DEFAULT 8 NOT NULL,
	"reminder_hour" smallint DEFAULT 9 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_message_settings_hours" CHECK ("organisation_message_settings"."quiet_start" between 0 and 23 and "organisation_message_settings"."quiet_end" between 0 and 23 and "organisation_message_settings"."quiet_start" <> "organisation_message_settings"."quiet_end" and "organisation_message_settings"."reminder_hour" between 0 and 23)
);
--> statement-breakpoint
ALTER TABLE "counselor_alert_preferences" ADD COLUMN "weekly_summary" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation_message_settings" ADD CONSTRAINT "organisation_message_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_message_settings" ADD CONSTRAINT "organisation_message_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;