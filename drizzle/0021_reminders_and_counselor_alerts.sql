ALTER TYPE "public"."message_kind" ADD VALUE 'reminder_expiring';--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'deterioration_alert';--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'missed_alert';--> statement-breakpoint
CREATE TABLE "counselor_alert_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"deterioration" boolean DEFAULT true NOT NULL,
	"missed_in_a_row" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "counselor_alert_preferences" ADD CONSTRAINT "counselor_alert_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counselor_alert_preferences" ADD CONSTRAINT "counselor_alert_preferences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;