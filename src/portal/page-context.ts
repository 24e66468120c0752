import "server-only";
import { notFound } from "next/navigation";
import { recordAudit } from "@/audit/record";
import { currentRequestMeta } from "@/auth/request-meta";
import { resolveAuthSecret } from "@/auth/secret";
import { getDb } from "@/db/client";
import { touchLink } from "./queries";
import { resolvePortalLink, type PortalHolder } from "./session";
import { draftKeyFor } from "./tokens";

/** For portal pages: the link's holder (audited as portal use), or a plain 404. */
export async function requirePortalHolder(token: string, what: string): Promise<PortalHolder & { draftKey: string }> {
  const meta = await currentRequestMeta();
  const holder = await resolvePortalLink(getDb(), token, meta.ip);
  if (!holder) notFound();
  await touchLink(holder.linkId);
  await recordAudit(getDb(), {
    organisationId: holder.organisationId,
    actorKind: "portal",
    action: "portal.open",
    entityType: "portal_link",
    entityId: holder.linkId,
    clientId: holder.clientId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    detail: { page: what, byFamilyMember: holder.contactId !== null },
  });
  return { ...holder, draftKey: draftKeyFor(holder.linkId, resolveAuthSecret()) };
}
