DROP TABLE "sign_in_attempts" CASCADE;--> statement-breakpoint
DROP TABLE "portal_attempts" CASCADE;