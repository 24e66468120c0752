import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { findVisibleClientId } from "@/clients/access";
import type { Db } from "@/db/client";
import { consents, portalLinks, supportContacts } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { todayIn } from "@/lib/zod-fields";
import { effectiveConsent } from "@/support-network/consent";
import { createLinkSchema, revokeLinkSchema } from "./schemas";
import { hashToken, newPortalToken, PORTAL_LINK_DAYS } from "./tokens";
import { staffText } from "@/i18n/staff";

const plv = staffText("portalLinkValidation");

const clinical = ["counselor", "supervisor"] as const;
type ClientRef = { clientId: string };

export const createLinkSpec: ActionSpec<typeof createLinkSchema, ClientRef, { id: string; token: string; forContact: boolean }> = {
  name: "portal.link_create",
  schema: createLinkSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    return clientId ? { clientId } : null;
  },
  audit: ({ record, result, input }) => ({
    action: input.replaces ? "portal.link_reissue" : "portal.link_create",
    entityType: "portal_link",
    entityId: result.id,
    clientId: record.clientId,
    detail: { forContact: result.forContact },
  }),
};

/**
 * A new private link; the token is returned once (only its hash is kept). A family member's
 * link needs a consent in force: nothing reaches them otherwise.
 */
export const createLink: Handler<typeof createLinkSchema, ClientRef, { id: string; token: string; forContact: boolean }> = async ({ db, actor, input, record }) => {
  let contactId: string | null = null;
  if (input.holder !== "client") {
    const [contact] = await db
      .select({ id: supportContacts.id })
      .from(supportContacts)
      .where(and(eq(supportContacts.id, input.holder), eq(supportContacts.clientId, record.clientId), isNull(supportContacts.archivedAt)));
    if (!contact) throw new ActionRefused(plv("chooseFromNetwork"));
    const history = await db.select().from(consents).where(eq(consents.contactId, contact.id));
    if (effectiveConsent(history, todayIn("UTC")) === "nothing") {
      throw new ActionRefused(plv("noConsent"));
    }
    contactId = contact.id;
  }
  if (input.replaces) {
    await db
      .update(portalLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(portalLinks.id, input.replaces), eq(portalLinks.clientId, record.clientId), isNull(portalLinks.revokedAt)));
  }
  const token = newPortalToken();
  const [row] = await db
    .insert(portalLinks)
    .values({
      organisationId: actor.organisationId,
      clientId: record.clientId,
      contactId,
      tokenHash: hashToken(token),
      createdBy: actor.userId,
      expiresAt: sql`now() + make_interval(days => ${PORTAL_LINK_DAYS})`,
    })
    .returning({ id: portalLinks.id });
  return { id: row!.id, token, forContact: contactId !== null };
};

type LinkRef = { clientId: string; linkId: string };

export const revokeLinkSpec: ActionSpec<typeof revokeLinkSchema, LinkRef, void> = {
  name: "portal.link_revoke",
  schema: revokeLinkSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    if (!clientId) return null;
    const [row] = await db
      .select({ id: portalLinks.id })
      .from(portalLinks)
      .where(and(eq(portalLinks.id, input.linkId), eq(portalLinks.clientId, clientId), eq(portalLinks.organisationId, actor.organisationId)));
    return row ? { clientId, linkId: row.id } : null;
  },
  audit: ({ record }) => ({ action: "portal.link_revoke", entityType: "portal_link", entityId: record.linkId, clientId: record.clientId }),
};

export const revokeLink: Handler<typeof revokeLinkSchema, LinkRef, void> = async ({ db, record }) => {
  await db.update(portalLinks).set({ revokedAt: new Date() }).where(and(eq(portalLinks.id, record.linkId), isNull(portalLinks.revokedAt)));
};

/** The live links of a client, for the counselor's list (never the token: it is not kept). */
export async function listLiveLinks(db: Db, actor: Actor, clientId: string) {
  return db
    .select({
      id: portalLinks.id,
      contactId: portalLinks.contactId,
      contactName: supportContacts.name,
      createdAt: portalLinks.createdAt,
      expiresAt: portalLinks.expiresAt,
      lastUsedAt: portalLinks.lastUsedAt,
    })
    .from(portalLinks)
    .leftJoin(supportContacts, eq(supportContacts.id, portalLinks.contactId))
    .where(and(eq(portalLinks.organisationId, actor.organisationId), eq(portalLinks.clientId, clientId), isNull(portalLinks.revokedAt), gt(portalLinks.expiresAt, sql`now()`)));
}

/** Notes that the link was used, for the counselor's list. */
export async function touchLink(db: Db, linkId: string) {
  await db.update(portalLinks).set({ lastUsedAt: new Date() }).where(eq(portalLinks.id, linkId));
}
