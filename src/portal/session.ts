import { and, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, portalLinks, supportContacts } from "@/db/schema";
import { LIMITS, limiterUsage, recordLimiterEvent, windowWait } from "@/lib/limiter";
import { resolveLanguage } from "@/i18n/catalog";
import { hashToken, isTokenShaped } from "./tokens";

export interface PortalHolder {
  linkId: string;
  organisationId: string;
  clientId: string;
  contactId: string | null;
  /** The name the page greets: the client's preferred name, or the family member's name. */
  greetingName: string;
  timeZone: string;
  /** The shipped language the portal is shown in: the holder's preferred one, resolved. */
  language: string;
  /** The client's country for crisis lines (ISO 3166-1), or null when not recorded. */
  country: string | null;
}

/**
 * Whether an address has failed too many link lookups of late (LIMITS.linkGuess). One counter for
 * every kind of private link (portal links, invitations, password resets): each is a guess at a token.
 */
export async function linkGuessingThrottled(db: Db, ip: string): Promise<boolean> {
  const limit = LIMITS.linkGuess;
  return windowWait(limit, await limiterUsage(db, limit.kind, { ip }, limit.windowSeconds)) !== null;
}

export async function recordFailedLinkLookup(db: Db, ip: string): Promise<void> {
  await recordLimiterEvent(db, { kind: LIMITS.linkGuess.kind, ip });
}

/**
 * The one definition of a link that works: its token, not revoked, not expired, its client not
 * discharged and its support person (if any) not archived. Needs clients and support_contacts
 * joined.
 */
function liveLink(token: string): SQL {
  return and(
    eq(portalLinks.tokenHash, hashToken(token)),
    isNull(portalLinks.revokedAt),
    gt(portalLinks.expiresAt, sql`now()`),
    sql`${clients.status} <> 'discharged'`,
    sql`(${portalLinks.contactId} is null or ${supportContacts.archivedAt} is null)`,
  )!;
}

/**
 * The person a private link belongs to. A malformed, unknown, revoked or expired token, or
 * one whose client was discharged, all give null: they look exactly the same from outside.
 */
export async function resolvePortalLink(db: Db, token: string, ip: string): Promise<PortalHolder | null> {
  if (await linkGuessingThrottled(db, ip)) return null;
  const found = isTokenShaped(token)
    ? await db
        .select({
          linkId: portalLinks.id,
          organisationId: portalLinks.organisationId,
          clientId: portalLinks.clientId,
          contactId: portalLinks.contactId,
          clientName: sql<string>`coalesce(${clients.preferredName}, split_part(${clients.name}, ' ', 1))`,
          contactName: supportContacts.name,
          timeZone: clients.timeZone,
          language: sql<string>`coalesce(${supportContacts.language}, ${clients.language})`,
          country: clients.country,
        })
        .from(portalLinks)
        .innerJoin(clients, eq(clients.id, portalLinks.clientId))
        .leftJoin(supportContacts, eq(supportContacts.id, portalLinks.contactId))
        .where(liveLink(token))
        .limit(1)
    : [];
  const link = found[0];
  if (!link) {
    await recordFailedLinkLookup(db, ip);
    return null;
  }
  return {
    linkId: link.linkId,
    organisationId: link.organisationId,
    clientId: link.clientId,
    contactId: link.contactId,
    greetingName: link.contactName ? link.contactName.split(" ")[0]! : link.clientName,
    timeZone: link.timeZone,
    language: resolveLanguage(link.language),
    country: link.country,
  };
}

/**
 * The language of a portal page's link, for the document's `lang` and `dir` before the page
 * itself resolves the link: the same conditions as resolvePortalLink, so a revoked or expired
 * link looks exactly like an unknown one (English). Reads only; never counts as an attempt.
 */
export async function portalLanguage(db: Db, token: string): Promise<string> {
  if (!isTokenShaped(token)) return resolveLanguage(null);
  const [row] = await db
    .select({ language: sql<string>`coalesce(${supportContacts.language}, ${clients.language})` })
    .from(portalLinks)
    .innerJoin(clients, eq(clients.id, portalLinks.clientId))
    .leftJoin(supportContacts, eq(supportContacts.id, portalLinks.contactId))
    .where(liveLink(token))
    .limit(1);
  return resolveLanguage(row?.language);
}
