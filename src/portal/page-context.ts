import "server-only";
import { notFound } from "next/navigation";
import { recordAudit } from "@/audit/record";
import { currentRequestMeta } from "@/auth/request-meta";
import { resolveAuthSecret } from "@/auth/secret";
import { getDb } from "@/db/client";
import { touchLink } from "./links";
import { resolvePortalLink, type PortalHolder } from "./session";
import { draftKeyFor } from "./tokens";

/** For portal pages: the link's holder (audited as portal use), or a plain 404. */
export async function requirePortalHolder(token: string, what: string): Promise<PortalHolder & { draftKey: string }> {
  return (await requirePortalRecord(token, what, async () => true)).holder;
}

/**
 * For portal pages about one record: the holder and that record, found for that holder only.
 * A record that is not theirs answers a plain 404 before anything is written: the link's use is
 * audited (and its last use touched) only when the page opens.
 */
export async function requirePortalRecord<T>(
  token: string,
  what: string,
  find: (holder: PortalHolder) => Promise<T | null | undefined>,
): Promise<{ holder: PortalHolder & { draftKey: string }; record: T }> {
  const meta = await currentRequestMeta();
  const holder = await resolvePortalLink(getDb(), token, meta.ip);
  if (!holder) notFound();
  const record = await find(holder);
  if (record === null || record === undefined) notFound();
  await touchLink(getDb(), holder.linkId);
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
  return { holder: { ...holder, draftKey: draftKeyFor(holder.linkId, resolveAuthSecret()) }, record };
}
