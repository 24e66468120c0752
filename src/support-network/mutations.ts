import { and, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { consents, supportContacts } from "@/db/schema";
import { isShippedLanguage } from "@/i18n/catalog";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused, ConflictError } from "@/lib/errors";
import { findVisibleClientId, loadClient, type ClientRef } from "@/clients/access";
import { addContactSchema, archiveContactSchema, recordConsentSchema, revokeConsentSchema, updateContactSchema } from "./schemas";
import { staffText } from "@/i18n/staff";

const sv = staffText("supportValidation");

/** A support person's portal language: a shipped one, or null for the client's. */
function shippedOrRefused(language: string | null): string | null {
  if (language !== null && !isShippedLanguage(language)) throw new ActionRefused(sv("chooseLanguage"), { language: [sv("chooseLanguage")] });
  return language;
}

const clinical = ["counselor", "supervisor"] as const;

export type ContactRef = { clientId: string; contactId: string; version: number };

/** A support contact of a client the actor may see (both checked in one place). */
export async function loadContact(db: Db, actor: Actor, input: { clientId: string; contactId: string }): Promise<ContactRef | null> {
  const clientId = await findVisibleClientId(db, actor, input.clientId);
  if (!clientId) return null;
  const [row] = await db
    .select({ contactId: supportContacts.id, version: supportContacts.version })
    .from(supportContacts)
    .where(
      and(
        eq(supportContacts.id, input.contactId),
        eq(supportContacts.clientId, clientId),
        eq(supportContacts.organisationId, actor.organisationId),
        isNull(supportContacts.archivedAt),
      ),
    );
  return row ? { clientId, ...row } : null;
}

export const addContactSpec: ActionSpec<typeof addContactSchema, ClientRef, { id: string }> = {
  name: "support.add_contact",
  schema: addContactSchema,
  roles: clinical,
  load: loadClient,
  audit: ({ record, result, input }) => ({
    action: "support.add_contact",
    entityType: "support_contact",
    entityId: result.id,
    clientId: record.clientId,
    detail: { consentScope: input.scope },
  }),
};

export const addContact: Handler<typeof addContactSchema, ClientRef, { id: string }> = async ({ db, actor, input, record }) => {
  const [contact] = await db
    .insert(supportContacts)
    .values({
      organisationId: actor.organisationId,
      clientId: record.clientId,
      name: input.name,
      relationship: input.relationship,
      phone: input.phone ?? null,
      email: input.email ?? null,
      isEmergencyContact: input.isEmergencyContact,
      notes: input.notes ?? null,
      language: shippedOrRefused(input.language),
    })
    .returning({ id: supportContacts.id });
  await db.insert(consents).values({
    organisationId: actor.organisationId,
    clientId: record.clientId,
    contactId: contact!.id,
    scope: input.scope,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    note: input.consentNote ?? null,
    recordedBy: actor.userId,
  });
  return { id: contact!.id };
};

export const updateContactSpec: ActionSpec<typeof updateContactSchema, ContactRef, void> = {
  name: "support.update_contact",
  schema: updateContactSchema,
  roles: clinical,
  load: loadContact,
  audit: ({ record }) => ({ action: "support.update_contact", entityType: "support_contact", entityId: record.contactId, clientId: record.clientId }),
};

export const updateContact: Handler<typeof updateContactSchema, ContactRef, void> = async ({ db, input, record }) => {
  const updated = await db
    .update(supportContacts)
    .set({
      name: input.name,
      relationship: input.relationship,
      phone: input.phone ?? null,
      email: input.email ?? null,
      isEmergencyContact: input.isEmergencyContact,
      notes: input.notes ?? null,
      ...(input.language ? { language: shippedOrRefused(input.language) } : {}),
      version: sql`${supportContacts.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(supportContacts.id, record.contactId), eq(supportContacts.version, input.version)))
    .returning({ id: supportContacts.id });
  if (!updated.length) throw new ConflictError();
};

export const archiveContactSpec: ActionSpec<typeof archiveContactSchema, ContactRef, void> = {
  name: "support.archive_contact",
  schema: archiveContactSchema,
  roles: clinical,
  load: loadContact,
  audit: ({ record }) => ({ action: "support.archive_contact", entityType: "support_contact", entityId: record.contactId, clientId: record.clientId }),
};

/** Removing a person keeps their record (and consent history); it only leaves the active list. */
export const archiveContact: Handler<typeof archiveContactSchema, ContactRef, void> = async ({ db, actor, input, record }) => {
  const updated = await db
    .update(supportContacts)
    .set({ archivedAt: new Date(), version: sql`${supportContacts.version} + 1` })
    .where(and(eq(supportContacts.id, record.contactId), eq(supportContacts.version, input.version)))
    .returning({ id: supportContacts.id });
  if (!updated.length) throw new ConflictError();
  // Nothing more may be shared with someone no longer in the network.
  await db
    .update(consents)
    .set({ revokedAt: new Date(), revokedBy: actor.userId, revokeReason: "Removed from the support network" })
    .where(and(eq(consents.contactId, record.contactId), isNull(consents.revokedAt)));
};

export const recordConsentSpec: ActionSpec<typeof recordConsentSchema, ContactRef, { id: string }> = {
  name: "support.record_consent",
  schema: recordConsentSchema,
  roles: clinical,
  load: loadContact,
  audit: ({ record, result, input }) => ({
    action: "consent.record",
    entityType: "consent",
    entityId: result.id,
    clientId: record.clientId,
    detail: { contactId: record.contactId, scope: input.scope, validFrom: input.validFrom, validUntil: input.validUntil ?? null },
  }),
};

export const recordConsent: Handler<typeof recordConsentSchema, ContactRef, { id: string }> = async ({ db, actor, input, record }) => {
  const [row] = await db
    .insert(consents)
    .values({
      organisationId: actor.organisationId,
      clientId: record.clientId,
      contactId: record.contactId,
      scope: input.scope,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      note: input.consentNote ?? null,
      recordedBy: actor.userId,
    })
    .returning({ id: consents.id });
  return { id: row!.id };
};

type ConsentRef = { clientId: string; consentId: string; revoked: boolean };

export const revokeConsentSpec: ActionSpec<typeof revokeConsentSchema, ConsentRef, void> = {
  name: "support.revoke_consent",
  schema: revokeConsentSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    if (!clientId) return null;
    const [row] = await db
      .select({ consentId: consents.id, revokedAt: consents.revokedAt })
      .from(consents)
      .where(and(eq(consents.id, input.consentId), eq(consents.clientId, clientId), eq(consents.organisationId, actor.organisationId)));
    return row ? { clientId, consentId: row.consentId, revoked: Boolean(row.revokedAt) } : null;
  },
  audit: ({ record }) => ({ action: "consent.revoke", entityType: "consent", entityId: record.consentId, clientId: record.clientId }),
};

export const revokeConsent: Handler<typeof revokeConsentSchema, ConsentRef, void> = async ({ db, actor, input, record }) => {
  if (record.revoked) throw new ActionRefused(sv("alreadyRevoked"));
  await db
    .update(consents)
    .set({ revokedAt: new Date(), revokedBy: actor.userId, revokeReason: input.reason })
    .where(and(eq(consents.id, record.consentId), isNull(consents.revokedAt)));
};
