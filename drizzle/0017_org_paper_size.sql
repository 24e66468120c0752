CREATE TYPE "public"."paper_size" AS ENUM('letter', 'a4');--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "paper_size" "paper_size" DEFAULT 'letter' NOT NULL;