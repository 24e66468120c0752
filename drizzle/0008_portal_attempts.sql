CREATE TABLE "portal_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ip" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "portal_attempts_ip_idx" ON "portal_attempts" USING btree ("ip","attempted_at" DESC NULLS LAST);