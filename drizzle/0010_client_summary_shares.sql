CREATE TABLE "client_summary_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "client_summary_shares_period" CHECK ("client_summary_shares"."period_to" >= "client_summary_shares"."period_from"),
	CONSTRAINT "client_summary_shares_withdrawal" CHECK (("client_summary_shares"."withdrawn_at" is null) = ("client_summary_shares"."withdrawn_by" is null))
);
--> statement-breakpoint
ALTER TABLE "client_summary_shares" ADD CONSTRAINT "client_summary_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_summary_shares" ADD CONSTRAINT "client_summary_shares_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_summary_shares" ADD CONSTRAINT "client_summary_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_summary_shares" ADD CONSTRAINT "client_summary_shares_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_summary_shares_client_idx" ON "client_summary_shares" USING btree ("organisation_id","client_id","shared_at" DESC NULLS LAST);