CREATE TABLE "crisis_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"country" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"contact" text NOT NULL,
	"hours" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_lines_country_code" CHECK ("crisis_lines"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "support_contacts" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "checkin_administrations" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "crisis_lines" ADD CONSTRAINT "crisis_lines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crisis_lines_org_country_idx" ON "crisis_lines" USING btree ("organisation_id","country","position");--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_language_tag" CHECK ("clients"."language" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$');--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_country_code" CHECK ("clients"."country" is null or "clients"."country" ~ '^[A-Z]{2}$');