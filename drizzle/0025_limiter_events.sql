CREATE TABLE "limiter_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"outcome" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "limiter_events_key_idx" ON "limiter_events" USING btree ("kind","key","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "limiter_events_ip_idx" ON "limiter_events" USING btree ("kind","ip","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "limiter_events_at_idx" ON "limiter_events" USING btree ("at");