import "server-only";
import { and, eq } from "drizzle-orm";
import type { ClientHeader } from "@/clients/queries";
import type { Db } from "@/db/client";
import { clients, consents, users } from "@/db/schema";
import { todayIn } from "@/lib/zod-fields";
import type { PortalHolder } from "@/portal/session";
import { allows, effectiveConsent } from "@/support-network/consent";
import { clientSummary, type ClientSummary } from "./client-summary";
import { progressReportData } from "./progress-data";
import { currentSharedSummary, type SharedSummary } from "./summary-share";

/**
 * The summary a portal link's holder may read: only one the counselor chose to show, and for a
 * family member only while their consent allows progress summaries. Null otherwise.
 */
export async function sharedSummaryFor(db: Db, holder: PortalHolder): Promise<SharedSummary | null> {
  const shared = await currentSharedSummary(db, holder.organisationId, holder.clientId);
  if (!shared) return null;
  if (holder.contactId) {
    const records = await db
      .select({ id: consents.id, scope: consents.scope, validFrom: consents.validFrom, validUntil: consents.validUntil, recordedAt: consents.recordedAt, revokedAt: consents.revokedAt })
      .from(consents)
      .where(and(eq(consents.organisationId, holder.organisationId), eq(consents.clientId, holder.clientId), eq(consents.contactId, holder.contactId)));
    if (!allows(effectiveConsent(records, todayIn(holder.timeZone)), "progress_summaries")) return null;
  }
  return shared;
}

/** The summary itself, for the portal's summary page; null exactly when sharedSummaryFor is. */
export async function portalSummaryFor(db: Db, holder: PortalHolder, now = new Date()): Promise<ClientSummary | null> {
  const shared = await sharedSummaryFor(db, holder);
  if (!shared) return null;
  const [client] = await db
    .select({
      id: clients.id, name: clients.name, preferredName: clients.preferredName, recordNumber: clients.recordNumber, dateOfBirth: clients.dateOfBirth,
      recoveryFocus: clients.recoveryFocus, status: clients.status, startDate: clients.startDate, timeZone: clients.timeZone, pronouns: clients.pronouns,
      primaryCounselorName: users.name,
    })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.primaryCounselorId))
    .where(and(eq(clients.id, holder.clientId), eq(clients.organisationId, holder.organisationId)));
  if (!client) return null;
  const data = await progressReportData(db, { organisationId: holder.organisationId, name: client.primaryCounselorName }, client satisfies Pick<ClientHeader, "id">, { from: shared.from, to: shared.to }, { includeNotes: false, now });
  return clientSummary(data, holder.language);
}
