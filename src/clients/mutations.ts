import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { clientCareTeam, clients, users } from "@/db/schema";
import { isShippedLanguage } from "@/i18n/catalog";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused, ConflictError } from "@/lib/errors";
import { visibleClients } from "./access";
import { createClientSchema, dischargeSchema, readmitSchema, updateClientSchema, type CreateClientInput } from "./schemas";
import { staffText } from "@/i18n/staff";

const cv = staffText("clientValidation");

const clinical = ["counselor", "supervisor"] as const;
const DUPLICATE_RECORD = cv("duplicateRecord");

/**
 * Checks the people named on a client: the primary counselor must be the actor or, for a
 * supervisor, someone they supervise; care-team members must be active clinicians of the
 * organisation.
 */
async function checkPeople(
  db: Db,
  actor: Actor,
  input: Pick<CreateClientInput, "primaryCounselorId" | "careTeam">,
  currentPrimaryId?: string,
) {
  const ids = [...new Set([input.primaryCounselorId, ...input.careTeam])];
  const rows = await db
    .select({ id: users.id, supervisorId: users.supervisorId })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        eq(users.organisationId, actor.organisationId),
        eq(users.status, "active"),
        inArray(users.role, ["counselor", "supervisor"]),
      ),
    );
  const found = new Map(rows.map((r) => [r.id, r]));
  const primary = found.get(input.primaryCounselorId);
  // Keeping the current primary counselor is always allowed (a care-team member may edit).
  const primaryAllowed =
    primary &&
    (primary.id === actor.userId || primary.id === currentPrimaryId || (actor.role === "supervisor" && primary.supervisorId === actor.userId));
  const errors: Record<string, string[]> = {};
  if (!primaryAllowed) errors.primaryCounselorId = [cv("chooseOwnCounselor")];
  if (input.careTeam.some((id) => !found.has(id))) errors.careTeam = [cv("chooseCareTeam")];
  if (Object.keys(errors).length) throw new ActionRefused(cv("checkPeople"), errors);
}

async function writeCareTeam(db: Db, organisationId: string, clientId: string, primaryId: string, careTeam: string[]) {
  await db.delete(clientCareTeam).where(eq(clientCareTeam.clientId, clientId));
  const members = careTeam.filter((id) => id !== primaryId);
  if (members.length) await db.insert(clientCareTeam).values(members.map((userId) => ({ organisationId, clientId, userId })));
}

function clientValues(input: CreateClientInput) {
  return {
    name: input.name,
    preferredName: input.preferredName ?? null,
    pronouns: input.pronouns ?? null,
    dateOfBirth: input.dateOfBirth ?? null,
    recordNumber: input.recordNumber,
    recoveryFocus: input.recoveryFocus,
    status: input.status,
    primaryCounselorId: input.primaryCounselorId,
    tags: input.tags,
    startDate: input.startDate,
    timeZone: input.timeZone,
    language: input.language,
    country: input.country,
  };
}

export const createClientSpec: ActionSpec<typeof createClientSchema, undefined, { id: string }> = {
  name: "client.create",
  schema: createClientSchema,
  roles: clinical,
  audit: ({ result }) => ({ action: "client.create", entityType: "client", entityId: result.id, clientId: result.id }),
};

/** The portal's language must be one the portal ships (a file in messages/). */
function checkLanguage(input: { language: string }): void {
  if (!isShippedLanguage(input.language)) throw new ActionRefused(cv("chooseLanguage"), { language: [cv("chooseLanguage")] });
}

export const createClient: Handler<typeof createClientSchema, undefined, { id: string }> = async ({ db, actor, input }) => {
  checkLanguage(input);
  await checkPeople(db, actor, input);
  try {
    const [row] = await db
      .insert(clients)
      .values({ organisationId: actor.organisationId, ...clientValues(input) })
      .returning({ id: clients.id });
    await writeCareTeam(db, actor.organisationId, row!.id, input.primaryCounselorId, input.careTeam);
    return { id: row!.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionRefused(DUPLICATE_RECORD, { recordNumber: [DUPLICATE_RECORD] });
    throw error;
  }
};

type Loaded = { id: string; version: number; status: string; startDate: string; primaryCounselorId: string };

/** Loads a client the actor may see, by the id in the input. */
export async function loadVisibleClient(db: Db, actor: Actor, input: { clientId: string }): Promise<Loaded | null> {
  const [row] = await db
    .select({
      id: clients.id,
      version: clients.version,
      status: clients.status,
      startDate: clients.startDate,
      primaryCounselorId: clients.primaryCounselorId,
    })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), visibleClients(actor)))
    .limit(1);
  return row ?? null;
}

/** Updates only when the row still has the version the person read; otherwise a conflict. */
async function updateVersioned(db: Db, record: Loaded, expected: number, values: Partial<typeof clients.$inferInsert>) {
  const updated = await db
    .update(clients)
    .set({ ...values, version: sql`${clients.version} + 1`, updatedAt: new Date() })
    .where(and(eq(clients.id, record.id), eq(clients.version, expected)))
    .returning({ id: clients.id });
  if (updated.length === 0) throw new ConflictError();
}

export const updateClientSpec: ActionSpec<typeof updateClientSchema, Loaded, void> = {
  name: "client.update",
  schema: updateClientSchema,
  roles: clinical,
  load: loadVisibleClient,
  audit: ({ record }) => ({ action: "client.update", entityType: "client", entityId: record.id, clientId: record.id }),
};

export const updateClient: Handler<typeof updateClientSchema, Loaded, void> = async ({ db, actor, input, record }) => {
  if (record.status === "discharged") throw new ActionRefused(cv("dischargedReadmitFirst"));
  checkLanguage(input);
  await checkPeople(db, actor, input, record.primaryCounselorId);
  try {
    await updateVersioned(db, record, input.version, clientValues(input));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionRefused(DUPLICATE_RECORD, { recordNumber: [DUPLICATE_RECORD] });
    throw error;
  }
  await writeCareTeam(db, actor.organisationId, record.id, input.primaryCounselorId, input.careTeam);
};

export const dischargeClientSpec: ActionSpec<typeof dischargeSchema, Loaded, void> = {
  name: "client.discharge",
  schema: dischargeSchema,
  roles: clinical,
  load: loadVisibleClient,
  audit: ({ record, input }) => ({
    action: "client.discharge",
    entityType: "client",
    entityId: record.id,
    clientId: record.id,
    detail: { dischargedOn: input.dischargedOn },
  }),
};

export const dischargeClient: Handler<typeof dischargeSchema, Loaded, void> = async ({ db, input, record }) => {
  if (record.status === "discharged") throw new ActionRefused(cv("alreadyDischarged"));
  if (input.dischargedOn < record.startDate) {
    throw new ActionRefused(cv("dischargeBeforeStart"), { dischargedOn: [cv("dateOnOrAfterStart")] });
  }
  await updateVersioned(db, record, input.version, { status: "discharged", dischargedOn: input.dischargedOn, dischargeReason: input.reason });
};

export const readmitClientSpec: ActionSpec<typeof readmitSchema, Loaded, void> = {
  name: "client.readmit",
  schema: readmitSchema,
  roles: clinical,
  load: loadVisibleClient,
  audit: ({ record, input }) => ({
    action: "client.readmit",
    entityType: "client",
    entityId: record.id,
    clientId: record.id,
    detail: { status: input.status, startDate: input.startDate },
  }),
};

export const readmitClient: Handler<typeof readmitSchema, Loaded, void> = async ({ db, input, record }) => {
  if (record.status !== "discharged") throw new ActionRefused(cv("onlyDischargedReadmitted"));
  await updateVersioned(db, record, input.version, { status: input.status, startDate: input.startDate, dischargedOn: null, dischargeReason: null });
};

export type ClientFormInput = z.input<typeof createClientSchema>;
