import { and, eq, sql, type SQL } from "drizzle-orm";
import { isClinical, type Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { clients } from "@/db/schema";
import { isUuid } from "@/lib/ids";

/**
 * The clients an actor may see, as a WHERE condition on `clients`. Counselors: clients they are
 * primary counselor or care-team member of. Supervisors: their own, plus those of the counselors
 * they supervise. Administrators: none (no clinical access without a clinical role).
 */
export function visibleClients(actor: Actor): SQL {
  if (!isClinical(actor)) return sql`false`;
  const org = actor.organisationId;
  // The people whose clients the actor sees: themselves, and for a supervisor their counselors.
  const people =
    actor.role === "supervisor"
      ? sql`(select u.id from users u where u.organisation_id = ${org} and (u.id = ${actor.userId} or u.supervisor_id = ${actor.userId}))`
      : sql`(select ${actor.userId}::uuid)`;
  // A union of two index lookups (by primary counselor, by care-team member), rather than an
  // OR of subqueries, so that PostgreSQL never has to scan every client of the organisation.
  return sql`(${clients.organisationId} = ${org} and ${clients.id} in (
    select v.id from clients v where v.organisation_id = ${org} and v.primary_counselor_id in ${people}
    union
    select t.client_id from client_care_team t where t.organisation_id = ${org} and t.user_id in ${people}))`;
}

/** A client the actor may see, with the time zone its days are counted in. */
export type ClientRef = { clientId: string; timeZone: string };

/**
 * The client named by an action's input, when the actor may see it; null otherwise (missing and
 * forbidden look alike). The `load` step of every action on a client's own records.
 */
export async function loadClient(db: Db, actor: Actor, input: { clientId: string }): Promise<ClientRef | null> {
  if (!isUuid(input.clientId)) return null;
  const [row] = await db
    .select({ clientId: clients.id, timeZone: clients.timeZone })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), visibleClients(actor)))
    .limit(1);
  return row ?? null;
}

/** A client's id, when the actor may see it; null otherwise (missing and forbidden look alike). */
export async function findVisibleClientId(db: Db, actor: Actor, clientId: string): Promise<string | null> {
  return (await loadClient(db, actor, { clientId }))?.clientId ?? null;
}
