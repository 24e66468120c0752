CREATE TABLE "expected_recovery_fits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"instrument_url" text NOT NULL,
	"instrument_version" text NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data_cutoff" timestamp with time zone NOT NULL,
	"parameters" jsonb,
	"reason" text,
	"n_clients" integer NOT NULL,
	"n_scores" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"trigger" text NOT NULL,
	"validation" jsonb,
	CONSTRAINT "expected_recovery_fits_outcome" CHECK (("expected_recovery_fits"."parameters" is null) = ("expected_recovery_fits"."reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "expected_recovery_fits" ADD CONSTRAINT "expected_recovery_fits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expected_recovery_fits_latest_idx" ON "expected_recovery_fits" USING btree ("organisation_id","instrument_url","instrument_version","fitted_at" DESC NULLS LAST);