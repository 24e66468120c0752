import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { clients, users, type ClientStatus, type UserRole, type UserStatus } from "@/db/schema";
import { isUuid } from "@/lib/ids";

// Every read here is for administrators of the actor's organisation; anyone else reads nothing.
const isAdmin = (actor: Actor) => actor.role === "admin";
const supervisor = alias(users, "supervisor");

const openClients = sql<number>`(select count(*)::int from ${clients} c
  where c.organisation_id = ${users.organisationId} and c.primary_counselor_id = ${users.id} and c.status <> 'discharged')`;
const inviteExpiresAt = sql<string | null>`(select max(t.expires_at)::text from user_tokens t
  where t.user_id = ${users.id} and t.purpose = 'invite' and t.used_at is null and t.revoked_at is null)`;

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  supervisorName: string | null;
  lastSignInAt: string | null;
  openClients: number;
  /** For an invited user, when their current link expires (it may be in the past). */
  inviteExpiresAt: string | null;
}

const iso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/** The organisation's users: active first, then invited, then deactivated, each by name. */
export async function listOrgUsers(db: Db, actor: Actor): Promise<UserListRow[]> {
  if (!isAdmin(actor)) return [];
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      supervisorName: supervisor.name,
      lastSignInAt: users.lastSignInAt,
      openClients,
      inviteExpiresAt,
    })
    .from(users)
    .leftJoin(supervisor, eq(supervisor.id, users.supervisorId))
    .where(eq(users.organisationId, actor.organisationId))
    .orderBy(sql`array_position(array['active','invited','deactivated']::user_status[], ${users.status})`, asc(sql`lower(${users.name})`), asc(users.id));
  return rows.map((r) => ({ ...r, openClients: Number(r.openClients), lastSignInAt: iso(r.lastSignInAt), inviteExpiresAt: iso(r.inviteExpiresAt) }));
}

export interface UserDetail extends UserListRow {
  supervisorId: string | null;
  createdAt: string;
  supervises: number;
  clients: { id: string; recordNumber: string; status: ClientStatus }[];
}

/** One user of the actor's organisation with their open clients (by record number only), or null. */
export async function getOrgUser(db: Db, actor: Actor, userId: string): Promise<UserDetail | null> {
  if (!isAdmin(actor) || !isUuid(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      supervisorId: users.supervisorId,
      supervisorName: supervisor.name,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      openClients,
      inviteExpiresAt,
      supervises: sql<number>`(select count(*)::int from users s where s.supervisor_id = ${users.id} and s.status <> 'deactivated')`,
      clients: sql<{ id: string; recordNumber: string; status: ClientStatus }[]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'recordNumber', c.record_number, 'status', c.status) order by c.record_number)
        from ${clients} c
        where c.organisation_id = ${users.organisationId} and c.primary_counselor_id = ${users.id} and c.status <> 'discharged'), '[]'::json)`,
    })
    .from(users)
    .leftJoin(supervisor, eq(supervisor.id, users.supervisorId))
    .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    openClients: Number(row.openClients),
    supervises: Number(row.supervises),
    lastSignInAt: iso(row.lastSignInAt),
    inviteExpiresAt: iso(row.inviteExpiresAt),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export interface PersonOption {
  id: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  openClients: number;
}

/** Clinicians who are not deactivated, with their caseload size: supervisor and reassignment choices. */
export async function clinicianOptions(db: Db, actor: Actor): Promise<PersonOption[]> {
  if (!isAdmin(actor)) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, status: users.status, openClients })
    .from(users)
    .where(
      and(eq(users.organisationId, actor.organisationId), inArray(users.role, ["counselor", "supervisor"]), ne(users.status, "deactivated")),
    )
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
  return rows.map((r) => ({ ...r, openClients: Number(r.openClients) }));
}
