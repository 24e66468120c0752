CREATE TYPE "public"."attendance" AS ENUM('attended', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."engagement_level" AS ENUM('not_engaged', 'somewhat', 'engaged', 'very_engaged');--> statement-breakpoint
CREATE TYPE "public"."family_topic" AS ENUM('boundaries', 'enabling', 'communication', 'detachment_with_love', 'relapse_prevention', 'self_care', 'other');--> statement-breakpoint
CREATE TYPE "public"."note_status" AS ENUM('draft', 'signed');--> statement-breakpoint
CREATE TYPE "public"."note_type" AS ENUM('individual', 'family_support', 'group');--> statement-breakpoint
CREATE TYPE "public"."assignment_status" AS ENUM('active', 'paused', 'ended');--> statement-breakpoint
CREATE TABLE "note_addenda" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_family_attendees" (
	"organisation_id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"engagement" "engagement_level",
	"comment" text,
	CONSTRAINT "note_family_attendees_note_id_contact_id_pk" PRIMARY KEY("note_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "note_group_members" (
	"organisation_id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"individual_part" text DEFAULT '' NOT NULL,
	CONSTRAINT "note_group_members_note_id_client_id_pk" PRIMARY KEY("note_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid,
	"type" "note_type" NOT NULL,
	"status" "note_status" DEFAULT 'draft' NOT NULL,
	"session_date" date NOT NULL,
	"start_time" time,
	"duration_minutes" integer,
	"attendance" "attendance" DEFAULT 'attended' NOT NULL,
	"data" text DEFAULT '' NOT NULL,
	"assessment" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"topics" "family_topic"[] DEFAULT '{}' NOT NULL,
	"topics_other" text,
	"author_id" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	"cosign_required" boolean DEFAULT false NOT NULL,
	"cosigned_at" timestamp with time zone,
	"cosigned_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_notes_owner" CHECK (("session_notes"."type" = 'group') = ("session_notes"."client_id" is null)),
	CONSTRAINT "session_notes_signed" CHECK (("session_notes"."status" = 'signed') = ("session_notes"."signed_at" is not null)),
	CONSTRAINT "session_notes_duration" CHECK ("session_notes"."duration_minutes" is null or "session_notes"."duration_minutes" between 1 and 600)
);
--> statement-breakpoint
CREATE TABLE "assignment_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"exercise_id" text NOT NULL,
	"exercise_version" integer NOT NULL,
	"cadence" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"instructions" text,
	"status" "assignment_status" DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_dates" CHECK ("assignments"."end_date" is null or "assignments"."end_date" >= "assignments"."start_date")
);
--> statement-breakpoint
CREATE TABLE "custom_exercises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"exercise_id" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entry_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercise_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"assignment_id" uuid NOT NULL,
	"exercise_id" text NOT NULL,
	"exercise_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"intensity_before" smallint,
	"intensity_after" smallint,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_note_id_session_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."session_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_family_attendees" ADD CONSTRAINT "note_family_attendees_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_family_attendees" ADD CONSTRAINT "note_family_attendees_note_id_session_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."session_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_family_attendees" ADD CONSTRAINT "note_family_attendees_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_group_members" ADD CONSTRAINT "note_group_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_group_members" ADD CONSTRAINT "note_group_members_note_id_session_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."session_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_group_members" ADD CONSTRAINT "note_group_members_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_cosigned_by_users_id_fk" FOREIGN KEY ("cosigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_pauses" ADD CONSTRAINT "assignment_pauses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_pauses" ADD CONSTRAINT "assignment_pauses_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_exercises" ADD CONSTRAINT "custom_exercises_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_exercises" ADD CONSTRAINT "custom_exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_comments" ADD CONSTRAINT "entry_comments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_comments" ADD CONSTRAINT "entry_comments_entry_id_exercise_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."exercise_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_comments" ADD CONSTRAINT "entry_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_entries" ADD CONSTRAINT "exercise_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_entries" ADD CONSTRAINT "exercise_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_entries" ADD CONSTRAINT "exercise_entries_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_entries" ADD CONSTRAINT "exercise_entries_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_contact_id_support_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."support_contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_links" ADD CONSTRAINT "portal_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "note_addenda_note_idx" ON "note_addenda" USING btree ("note_id","signed_at");--> statement-breakpoint
CREATE INDEX "note_family_attendees_contact_idx" ON "note_family_attendees" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "note_group_members_client_idx" ON "note_group_members" USING btree ("organisation_id","client_id");--> statement-breakpoint
CREATE INDEX "session_notes_client_idx" ON "session_notes" USING btree ("organisation_id","client_id","session_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "session_notes_author_idx" ON "session_notes" USING btree ("organisation_id","author_id","status");--> statement-breakpoint
CREATE INDEX "assignment_pauses_assignment_idx" ON "assignment_pauses" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "assignments_client_idx" ON "assignments" USING btree ("organisation_id","client_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_exercises_key" ON "custom_exercises" USING btree ("organisation_id","exercise_id");--> statement-breakpoint
CREATE INDEX "entry_comments_entry_idx" ON "entry_comments" USING btree ("entry_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_entries_idempotency_key" ON "exercise_entries" USING btree ("organisation_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "exercise_entries_client_idx" ON "exercise_entries" USING btree ("organisation_id","client_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "exercise_entries_assignment_idx" ON "exercise_entries" USING btree ("assignment_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_links_token_key" ON "portal_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "portal_links_client_idx" ON "portal_links" USING btree ("organisation_id","client_id");