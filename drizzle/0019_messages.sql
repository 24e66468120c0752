CREATE TYPE "public"."message_kind" AS ENUM('staff_invitation', 'password_reset', 'portal_link', 'something_new', 'critical_alert');--> statement-breakpoint
CREATE TYPE "public"."message_state" AS ENUM('queued', 'sending', 'sent', 'outbox', 'failed', 'suppressed');--> statement-breakpoint
CREATE TABLE "message_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"email" text,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"preferred_hour" smallint DEFAULT 9 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_recipients_hour" CHECK ("message_recipients"."preferred_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"job_key" text NOT NULL,
	"kind" "message_kind" NOT NULL,
	"client_id" uuid,
	"recipient_id" uuid,
	"user_id" uuid,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text,
	"body_html" text,
	"unsubscribe_token_hash" text,
	"list_unsubscribe" text,
	"state" "message_state" DEFAULT 'queued' NOT NULL,
	"reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"send_after" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"granted" boolean NOT NULL,
	"recorded_by" uuid,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_consents_channel" CHECK ("reminder_consents"."channel" in ('email')),
	CONSTRAINT "reminder_consents_source" CHECK ("reminder_consents"."source" in ('counselor', 'unsubscribe_link'))
);
--> statement-breakpoint
ALTER TABLE "message_recipients" ADD CONSTRAINT "message_recipients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_recipients" ADD CONSTRAINT "message_recipients_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_recipients" ADD CONSTRAINT "message_recipients_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_recipient_id_message_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."message_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_consents" ADD CONSTRAINT "reminder_consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_consents" ADD CONSTRAINT "reminder_consents_recipient_id_message_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."message_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_consents" ADD CONSTRAINT "reminder_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "message_recipients_client_key" ON "message_recipients" USING btree ("client_id") WHERE "message_recipients"."contact_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "message_recipients_contact_key" ON "message_recipients" USING btree ("contact_id") WHERE "message_recipients"."contact_id" is not null;--> statement-breakpoint
CREATE INDEX "message_recipients_org_idx" ON "message_recipients" USING btree ("organisation_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_job_key" ON "messages" USING btree ("job_key");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_unsubscribe_key" ON "messages" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE INDEX "messages_org_created_idx" ON "messages" USING btree ("organisation_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_client_idx" ON "messages" USING btree ("organisation_id","client_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "messages" USING btree ("send_after") WHERE "messages"."state" in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "reminder_consents_recipient_idx" ON "reminder_consents" USING btree ("recipient_id","channel","recorded_at" DESC NULLS LAST);--> statement-breakpoint
-- Consent to reminders is a history: a withdrawal is a new row, never an edit or a deletion.
CREATE OR REPLACE FUNCTION attune_guard_reminder_consent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reminder consents are kept: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reminder_consents_keep_history
  BEFORE UPDATE OR DELETE ON reminder_consents
  FOR EACH ROW EXECUTE FUNCTION attune_guard_reminder_consent();
