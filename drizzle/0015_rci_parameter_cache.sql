CREATE TABLE "rci_parameter_cache" (
	"organisation_id" uuid NOT NULL,
	"instrument_canonical" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rci_parameter_cache_organisation_id_instrument_canonical_pk" PRIMARY KEY("organisation_id","instrument_canonical")
);
--> statement-breakpoint
ALTER TABLE "rci_parameter_cache" ADD CONSTRAINT "rci_parameter_cache_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;