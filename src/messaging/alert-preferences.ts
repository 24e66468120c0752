import { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { counselorAlertPreferences } from "@/db/schema/messages";
import type { ActionSpec, Handler } from "@/lib/action-core";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Which optional alerts a counselor receives by email; critical answers are always sent. */
export const alertPreferencesSchema = z.object({
  deterioration: checkbox,
  missedInARow: checkbox,
  notOnTrack: checkbox,
  weeklySummary: checkbox,
});

async function loadSelf(db: Db, actor: Actor) {
  const [row] = await db
    .select({ id: users.id, organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId), eq(users.status, "active")))
    .limit(1);
  return row ?? null;
}

type Self = NonNullable<Awaited<ReturnType<typeof loadSelf>>>;

export const saveAlertPreferencesSpec: ActionSpec<typeof alertPreferencesSchema, Self, void> = {
  name: "user.alert_preferences",
  schema: alertPreferencesSchema,
  load: loadSelf,
  audit: ({ record, input }) => ({ action: "user.alert_preferences", entityType: "user", entityId: record.id, detail: { deterioration: input.deterioration, missedInARow: input.missedInARow, notOnTrack: input.notOnTrack, weeklySummary: input.weeklySummary } }),
};

export const saveAlertPreferences: Handler<typeof alertPreferencesSchema, Self, void> = async ({ db, input, record }) => {
  const now = new Date();
  const choices = { deterioration: input.deterioration, missedInARow: input.missedInARow, notOnTrack: input.notOnTrack, weeklySummary: input.weeklySummary, updatedAt: now };
  await db
    .insert(counselorAlertPreferences)
    .values({ userId: record.id, organisationId: record.organisationId, ...choices })
    .onConflictDoUpdate({ target: counselorAlertPreferences.userId, set: choices });
};
