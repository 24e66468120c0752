import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { cache } from "react";
import { isClinical, type Actor } from "@/auth/actor";
import { rowsOf, type Db } from "@/db/client";
import { clients, users } from "@/db/schema";
import { visibleClients, visiblePeople } from "./access";
import { isUuid } from "@/lib/ids";

export interface ClientHeader {
  id: string;
  name: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  recordNumber: string;
  recoveryFocus: (typeof clients.$inferSelect)["recoveryFocus"];
  status: (typeof clients.$inferSelect)["status"];
  primaryCounselorId: string;
  primaryCounselorName: string;
  careTeam: { id: string; name: string }[];
  tags: string[];
  startDate: string;
  timeZone: string;
  language: string;
  country: string | null;
  dischargedOn: string | null;
  dischargeReason: string | null;
  version: number;
  /** Unacknowledged critical alerts, for the header's badge (read here, so a page costs one query fewer). */
  openAlerts: number;
}

/** The client as its pages show it, or null when missing or not the actor's to see. */
export const getClientForActor = cache(async (db: Db, actor: Actor, clientId: string): Promise<ClientHeader | null> => {
  if (!isUuid(clientId)) return null;
  const [row] = await db
    .select({
      id: clients.id,
      name: clients.name,
      preferredName: clients.preferredName,
      pronouns: clients.pronouns,
      dateOfBirth: clients.dateOfBirth,
      recordNumber: clients.recordNumber,
      recoveryFocus: clients.recoveryFocus,
      status: clients.status,
      primaryCounselorId: clients.primaryCounselorId,
      primaryCounselorName: users.name,
      tags: clients.tags,
      startDate: clients.startDate,
      timeZone: clients.timeZone,
      language: clients.language,
      country: clients.country,
      dischargedOn: clients.dischargedOn,
      dischargeReason: clients.dischargeReason,
      version: clients.version,
      careTeam: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', m.id, 'name', m.name) order by m.name)
        from client_care_team t join users m on m.id = t.user_id where t.client_id = ${clients.id}), '[]'::json)`,
      openAlerts: sql<number>`(select count(*)::int from critical_alerts k
        where k.organisation_id = ${clients.organisationId} and k.client_id = ${clients.id} and k.acknowledged_at is null)`.mapWith(Number),
    })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.primaryCounselorId))
    .where(and(eq(clients.id, clientId), visibleClients(actor)))
    .limit(1);
  return row ?? null;
});

export interface CounselorOption {
  id: string;
  name: string;
  role: string;
  assignable: boolean;
}

/**
 * Clinicians of the organisation for the client form: all may join a care team; only the
 * actor (and, for a supervisor, their counselors) may be made primary counselor.
 */
export async function counselorOptions(db: Db, actor: Actor): Promise<CounselorOption[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, supervisorId: users.supervisorId })
    .from(users)
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.status, "active"), inArray(users.role, ["counselor", "supervisor"])))
    .orderBy(asc(users.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    assignable: r.id === actor.userId || (actor.role === "supervisor" && r.supervisorId === actor.userId),
  }));
}

/** Filter choices for the roster (tags, primary counselors), from the clients the actor sees, in one query. */
export async function rosterFilterOptions(db: Db, actor: Actor): Promise<{ tags: string[]; counselors: { id: string; name: string }[] }> {
  if (!isClinical(actor)) return { tags: [], counselors: [] };
  const org = actor.organisationId;
  const visible = visibleClients(actor);
  const people = visiblePeople(actor);
  if (actor.role !== "supervisor") {
    // A counselor's clients are few (220 at most in the large data set): read them.
    const result = await db.execute(sql`
      with v as (select ${clients.tags} as tags, ${clients.primaryCounselorId} as counselor_id from ${clients} where ${visible})
      select
        (select array_agg(distinct t order by t) from v, unnest(v.tags) as t) as tags,
        (select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
           from users u where u.id in (select distinct counselor_id from v)) as counselors`);
    const [row] = rowsOf<{ tags: string[] | null; counselors: { id: string; name: string }[] | null }>(result);
    return { tags: row?.tags ?? [], counselors: row?.counselors ?? [] };
  }
  // A supervisor's may be most of the organisation (14,000 for the large data set's director):
  // neither list reads them all. Tags: the distinct tag lists of visible clients, one index probe
  // each along clients_org_tags_sort_idx (a loose index scan). Counselors: a visible client's
  // primary counselor is one of the supervisor's people (who has any client) or the primary
  // counselor of a client on their people's care teams.
  const result = await db.execute(sql`
    with recursive lists as (
      (select ${clients.tags} as tags from ${clients} where ${visible} order by ${clients.tags} limit 1)
      union all
      select (select ${clients.tags} from ${clients} where ${visible} and ${clients.tags} > lists.tags order by ${clients.tags} limit 1)
      from lists where lists.tags is not null)
    select
      (select array_agg(distinct t order by t) from lists, unnest(lists.tags) as t) as tags,
      (select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name) from users u
        where u.organisation_id = ${org} and (
          (u.id in ${people} and exists (select 1 from clients c where c.organisation_id = ${org} and c.primary_counselor_id = u.id))
          or u.id in (select c.primary_counselor_id from clients c where c.organisation_id = ${org}
            and c.id in (select t.client_id from client_care_team t where t.user_id in ${people})))) as counselors`);
  const [row] = rowsOf<{ tags: string[] | null; counselors: { id: string; name: string }[] | null }>(result);
  return { tags: row?.tags ?? [], counselors: row?.counselors ?? [] };
}

export function ageOn(dateOfBirth: string | null, today = new Date()): number | null {
  if (!dateOfBirth) return null;
  const [y, m, d] = dateOfBirth.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

