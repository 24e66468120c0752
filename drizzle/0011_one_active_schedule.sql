-- Before the rule: where one person already had the same check-in scheduled twice, keep the
-- newest active schedule and end the others.
UPDATE "checkin_schedules" AS s SET "status" = 'ended', "version" = s."version" + 1
WHERE s."status" = 'active' AND EXISTS (
  SELECT 1 FROM "checkin_schedules" AS newer
  WHERE newer."status" = 'active' AND newer."client_id" = s."client_id" AND newer."instrument_url" = s."instrument_url"
    AND newer."contact_id" IS NOT DISTINCT FROM s."contact_id"
    AND (newer."created_at", newer."id") > (s."created_at", s."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_schedules_one_active" ON "checkin_schedules" USING btree ("client_id",coalesce("contact_id", '00000000-0000-0000-0000-000000000000'::uuid),"instrument_url") WHERE status = 'active';
