import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { consents, supportContacts, users, type ConsentScope, type Relationship } from "@/db/schema";
import { todayIn } from "@/lib/zod-fields";
import { effectiveConsent } from "./consent";

export interface ConsentView {
  id: string;
  scope: ConsentScope;
  validFrom: string;
  validUntil: string | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface ContactView {
  id: string;
  name: string;
  relationship: Relationship;
  phone: string | null;
  email: string | null;
  isEmergencyContact: boolean;
  notes: string | null;
  version: number;
  currentScope: ConsentScope;
  consents: ConsentView[];
}

/**
 * A client's active support network with each person's consent history, newest first. The
 * caller has already checked that the actor may see the client (the page's header query).
 */
export async function listSupportNetwork(db: Db, actor: Actor, clientId: string, timeZone: string): Promise<ContactView[]> {
  const contacts = await db
    .select({
      id: supportContacts.id,
      name: supportContacts.name,
      relationship: supportContacts.relationship,
      phone: supportContacts.phone,
      email: supportContacts.email,
      isEmergencyContact: supportContacts.isEmergencyContact,
      notes: supportContacts.notes,
      version: supportContacts.version,
    })
    .from(supportContacts)
    .where(and(eq(supportContacts.organisationId, actor.organisationId), eq(supportContacts.clientId, clientId), isNull(supportContacts.archivedAt)))
    .orderBy(asc(supportContacts.name));
  if (!contacts.length) return [];
  const recorder = alias(users, "recorder");
  const revoker = alias(users, "revoker");
  const rows = await db
    .select({
      id: consents.id,
      contactId: consents.contactId,
      scope: consents.scope,
      validFrom: consents.validFrom,
      validUntil: consents.validUntil,
      note: consents.note,
      recordedAt: consents.recordedAt,
      recordedBy: recorder.name,
      revokedAt: consents.revokedAt,
      revokedBy: revoker.name,
      revokeReason: consents.revokeReason,
    })
    .from(consents)
    .innerJoin(recorder, eq(recorder.id, consents.recordedBy))
    .leftJoin(revoker, eq(revoker.id, consents.revokedBy))
    .where(and(eq(consents.organisationId, actor.organisationId), inArray(consents.contactId, contacts.map((c) => c.id))))
    .orderBy(desc(consents.recordedAt));
  const today = todayIn(timeZone);
  return contacts.map((contact) => {
    const history = rows.filter((r) => r.contactId === contact.id);
    return {
      ...contact,
      currentScope: effectiveConsent(history, today),
      consents: history.map(({ contactId: _contactId, recordedAt, revokedAt, ...c }) => ({
        ...c,
        recordedAt: new Date(recordedAt).toISOString(),
        revokedAt: revokedAt ? new Date(revokedAt).toISOString() : null,
      })),
    };
  });
}
