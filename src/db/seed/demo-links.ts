import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { clients, portalLinks, supportContacts, users } from "@/db/schema";
import { hashToken, newPortalToken, PORTAL_LINK_DAYS } from "@/portal/tokens";
import { findDemoOrganisation } from "./demo";

/**
 * Fresh private links for the demo client and the demo family member, so `npm run demo` can
 * print working links each time (only hashes are stored, so old ones cannot be shown again).
 */
export async function issueDemoLinks(db: Db): Promise<{ client: string; family: string } | null> {
  const organisationId = await findDemoOrganisation(db);
  if (!organisationId) return null;
  const [contact] = await db
    .select({ id: supportContacts.id, clientId: supportContacts.clientId })
    .from(supportContacts)
    .where(and(eq(supportContacts.organisationId, organisationId), eq(supportContacts.name, "Marisol Abbott"), isNull(supportContacts.archivedAt)));
  const [counselor] = await db.select({ id: users.id }).from(users).where(eq(users.email, "counselor@attune.demo"));
  if (!contact || !counselor) return null;
  const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, contact.clientId));
  const make = async (contactId: string | null) => {
    const token = newPortalToken();
    const [row] = await db
      .insert(portalLinks)
      .values({
        organisationId,
        clientId: client!.id,
        contactId,
        tokenHash: hashToken(token),
        createdBy: counselor.id,
        expiresAt: new Date(Date.now() + PORTAL_LINK_DAYS * 86_400_000),
      })
      .returning({ id: portalLinks.id });
    await recordAudit(db, { organisationId, actorKind: "system", action: "portal.link_create", entityType: "portal_link", entityId: row!.id, clientId: client!.id, detail: { demo: true } });
    return `/p/${token}`;
  };
  return { client: await make(null), family: await make(contact.id) };
}
