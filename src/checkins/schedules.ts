import { and, eq, isNull, sql } from "drizzle-orm";
import { loadClient, type ClientRef } from "@/clients/access";
import { isUniqueViolation } from "@/db/errors";
import { checkinSchedules } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused, ConflictError } from "@/lib/errors";
import { toCadence } from "@/scheduling/schema";
import { clinical, respondentContact } from "./administer";
import { currentInstrument } from "./instruments";
import { createScheduleSchema, endScheduleSchema } from "./schemas";
import { messageClient } from "@/messaging/client-messages";
import { staffText } from "@/i18n/staff";

const kv = staffText("checkinValidation");

type Created = { id: string; instrumentUrl: string; forFamilyMember: boolean };

export const createScheduleSpec: ActionSpec<typeof createScheduleSchema, ClientRef, Created> = {
  name: "checkin.schedule",
  schema: createScheduleSchema,
  roles: clinical,
  load: loadClient,
  audit: ({ record, result, input }) => ({
    action: "checkin.schedule",
    entityType: "checkin_schedule",
    entityId: result.id,
    clientId: record.clientId,
    detail: { instrument: result.instrumentUrl, cadence: input.cadence, expiryDays: input.expiryDays, forFamilyMember: result.forFamilyMember },
  }),
};

/** Sends a check-in to the portal on a cadence: the client's own, or a family member's. */
export const createSchedule: Handler<typeof createScheduleSchema, ClientRef, Created> = async ({ db, actor, input, record }) => {
  const current = await currentInstrument(db, actor.organisationId, input.instrumentUrl);
  if (!current) throw new ActionRefused(kv("chooseCheckinFromList"), { instrumentUrl: [kv("chooseCheckinFromList")] });
  if (current.respondent === "clinician") {
    const message = kv("ratedByCounselor");
    throw new ActionRefused(message, { instrumentUrl: [message] });
  }
  const contactId = await respondentContact(db, record.clientId, current.respondent, input.respondent, "respondent");
  const alreadyScheduled = kv("alreadyScheduled");
  const [existing] = await db
    .select({ id: checkinSchedules.id })
    .from(checkinSchedules)
    .where(
      and(
        eq(checkinSchedules.clientId, record.clientId),
        contactId === null ? isNull(checkinSchedules.contactId) : eq(checkinSchedules.contactId, contactId),
        eq(checkinSchedules.instrumentUrl, current.instrument.url),
        eq(checkinSchedules.status, "active"),
      ),
    )
    .limit(1);
  if (existing) throw new ActionRefused(alreadyScheduled, { instrumentUrl: [alreadyScheduled] });
  const cadence = toCadence(input);
  // The unique index settles a race between two counselors scheduling at the same moment.
  const rows = await db
    .insert(checkinSchedules)
    .values({
      organisationId: actor.organisationId,
      clientId: record.clientId,
      contactId,
      instrumentUrl: current.instrument.url,
      cadence,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      expiryDays: input.expiryDays,
      createdBy: actor.userId,
    })
    .returning({ id: checkinSchedules.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new ActionRefused(alreadyScheduled, { instrumentUrl: [alreadyScheduled] });
      throw error;
    });
  await messageClient(db, {
    organisationId: actor.organisationId,
    clientId: record.clientId,
    contactId,
    kind: "something_new",
    jobKey: `checkin-scheduled:${rows[0]!.id}`,
    actor: { kind: "user", userId: actor.userId },
    linkCreatedBy: actor.userId,
  });
  return { id: rows[0]!.id, instrumentUrl: current.instrument.url, forFamilyMember: contactId !== null };
};

type ScheduleRef = { clientId: string; scheduleId: string; status: "active" | "ended" };

export const endScheduleSpec: ActionSpec<typeof endScheduleSchema, ScheduleRef, void> = {
  name: "checkin.schedule_end",
  schema: endScheduleSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const client = await loadClient(db, actor, input);
    if (!client) return null;
    const [row] = await db
      .select({ id: checkinSchedules.id, status: checkinSchedules.status })
      .from(checkinSchedules)
      .where(and(eq(checkinSchedules.id, input.scheduleId), eq(checkinSchedules.clientId, client.clientId), eq(checkinSchedules.organisationId, actor.organisationId)));
    return row ? { clientId: client.clientId, scheduleId: row.id, status: row.status } : null;
  },
  audit: ({ record }) => ({ action: "checkin.schedule_end", entityType: "checkin_schedule", entityId: record.scheduleId, clientId: record.clientId }),
};

export const endSchedule: Handler<typeof endScheduleSchema, ScheduleRef, void> = async ({ db, input, record }) => {
  if (record.status === "ended") throw new ActionRefused(kv("scheduleAlreadyEnded"));
  const updated = await db
    .update(checkinSchedules)
    .set({ status: "ended", version: sql`${checkinSchedules.version} + 1` })
    .where(and(eq(checkinSchedules.id, record.scheduleId), eq(checkinSchedules.version, input.version)))
    .returning({ id: checkinSchedules.id });
  if (!updated.length) throw new ConflictError(kv("scheduleChanged"));
};
