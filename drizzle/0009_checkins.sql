CREATE TYPE "public"."administration_mode" AS ENUM('in_session', 'portal');--> statement-breakpoint
CREATE TYPE "public"."instrument_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."score_status" AS ENUM('complete', 'prorated', 'invalid');--> statement-breakpoint
CREATE TABLE "checkin_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"instrument_url" text NOT NULL,
	"instrument_version" text NOT NULL,
	"mode" "administration_mode" NOT NULL,
	"administered_by" uuid,
	"schedule_id" uuid,
	"answers" jsonb NOT NULL,
	"status" "score_status" NOT NULL,
	"total" numeric(10, 2),
	"subscales" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"band_label" text,
	"band_severity" smallint,
	"answered" integer NOT NULL,
	"expected" integer NOT NULL,
	"administered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "checkin_administrations_total" CHECK (("checkin_administrations"."status" = 'invalid') = ("checkin_administrations"."total" is null))
);
--> statement-breakpoint
CREATE TABLE "checkin_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"instrument_url" text NOT NULL,
	"cadence" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"expiry_days" integer DEFAULT 4 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "critical_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"link_id" text NOT NULL,
	"message" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledgement_note" text,
	CONSTRAINT "critical_alerts_ack" CHECK (("critical_alerts"."acknowledged_at" is null) = ("critical_alerts"."acknowledged_by" is null))
);
--> statement-breakpoint
CREATE TABLE "imported_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"url" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"status" "instrument_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "checkin_administrations" ADD CONSTRAINT "checkin_administrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_administrations" ADD CONSTRAINT "checkin_administrations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_administrations" ADD CONSTRAINT "checkin_administrations_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_administrations" ADD CONSTRAINT "checkin_administrations_administered_by_users_id_fk" FOREIGN KEY ("administered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_schedules" ADD CONSTRAINT "checkin_schedules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_schedules" ADD CONSTRAINT "checkin_schedules_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_schedules" ADD CONSTRAINT "checkin_schedules_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_schedules" ADD CONSTRAINT "checkin_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_alerts" ADD CONSTRAINT "critical_alerts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_alerts" ADD CONSTRAINT "critical_alerts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_alerts" ADD CONSTRAINT "critical_alerts_administration_id_checkin_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."checkin_administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_alerts" ADD CONSTRAINT "critical_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_instruments" ADD CONSTRAINT "imported_instruments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_instruments" ADD CONSTRAINT "imported_instruments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_administrations_idempotency_key" ON "checkin_administrations" USING btree ("organisation_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "checkin_administrations_trend_idx" ON "checkin_administrations" USING btree ("organisation_id","client_id","instrument_url","administered_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "checkin_schedules_client_idx" ON "checkin_schedules" USING btree ("organisation_id","client_id");--> statement-breakpoint
CREATE INDEX "critical_alerts_open_idx" ON "critical_alerts" USING btree ("organisation_id","client_id") WHERE "critical_alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "imported_instruments_key" ON "imported_instruments" USING btree ("organisation_id","url","version");