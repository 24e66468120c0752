CREATE TYPE "public"."client_status" AS ENUM('intake', 'active', 'on_hold', 'discharged');--> statement-breakpoint
CREATE TYPE "public"."recovery_focus" AS ENUM('substance_use', 'trauma', 'both');--> statement-breakpoint
CREATE TYPE "public"."consent_scope" AS ENUM('nothing', 'attendance_only', 'progress_summaries');--> statement-breakpoint
CREATE TYPE "public"."relationship" AS ENUM('parent', 'partner', 'spouse', 'child', 'sibling', 'other_family', 'friend', 'sponsor', 'other');--> statement-breakpoint
CREATE TABLE "client_care_team" (
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_care_team_client_id_user_id_pk" PRIMARY KEY("client_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"preferred_name" text,
	"pronouns" text,
	"date_of_birth" date,
	"record_number" text NOT NULL,
	"recovery_focus" "recovery_focus" NOT NULL,
	"status" "client_status" DEFAULT 'intake' NOT NULL,
	"primary_counselor_id" uuid NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"start_date" date NOT NULL,
	"time_zone" text DEFAULT 'America/New_York' NOT NULL,
	"discharged_on" date,
	"discharge_reason" text,
	"last_contact_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_discharge_consistent" CHECK (("clients"."status" = 'discharged') = ("clients"."discharged_on" is not null)),
	CONSTRAINT "clients_name_present" CHECK (length(trim("clients"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"scope" "consent_scope" NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	CONSTRAINT "consents_dates_ordered" CHECK ("consents"."valid_until" is null or "consents"."valid_until" >= "consents"."valid_from"),
	CONSTRAINT "consents_revocation_complete" CHECK (("consents"."revoked_at" is null) = ("consents"."revoked_by" is null))
);
--> statement-breakpoint
CREATE TABLE "support_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relationship" "relationship" NOT NULL,
	"phone" text,
	"email" text,
	"is_emergency_contact" boolean DEFAULT false NOT NULL,
	"notes" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_care_team" ADD CONSTRAINT "client_care_team_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_care_team" ADD CONSTRAINT "client_care_team_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_care_team" ADD CONSTRAINT "client_care_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_primary_counselor_id_users_id_fk" FOREIGN KEY ("primary_counselor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD CONSTRAINT "support_contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_care_team_user_idx" ON "client_care_team" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clients_record_number_key" ON "clients" USING btree ("organisation_id","record_number");--> statement-breakpoint
CREATE INDEX "clients_counselor_idx" ON "clients" USING btree ("organisation_id","primary_counselor_id","status");--> statement-breakpoint
CREATE INDEX "clients_org_name_idx" ON "clients" USING btree ("organisation_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "clients_org_start_idx" ON "clients" USING btree ("organisation_id","start_date","id");--> statement-breakpoint
CREATE INDEX "clients_tags_idx" ON "clients" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "consents_contact_idx" ON "consents" USING btree ("organisation_id","contact_id","recorded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "support_contacts_client_idx" ON "support_contacts" USING btree ("organisation_id","client_id");