import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { clients, users, type UserRole, type UserStatus } from "@/db/schema";

export interface TeamMember {
  id: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  lastSignInAt: string | null;
  intake: number;
  active: number;
  onHold: number;
  /** Open clients (not discharged) for whom this person is primary counselor. */
  caseload: number;
}

const counted = (status: string) => sql<number>`(count(${clients.id}) filter (where ${clients.status} = ${status}))::int`;

/**
 * The people a supervisor supervises (deactivated accounts left out) with the size of their
 * caseload, in one grouped query. Anyone but a supervisor has no team.
 */
export async function listTeam(db: Db, actor: Actor): Promise<TeamMember[]> {
  if (actor.role !== "supervisor") return [];
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      status: users.status,
      lastSignInAt: users.lastSignInAt,
      intake: counted("intake"),
      active: counted("active"),
      onHold: counted("on_hold"),
      caseload: sql<number>`count(${clients.id})::int`,
    })
    .from(users)
    .leftJoin(
      clients,
      and(eq(clients.organisationId, users.organisationId), eq(clients.primaryCounselorId, users.id), ne(clients.status, "discharged")),
    )
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.supervisorId, actor.userId), ne(users.status, "deactivated")))
    .groupBy(users.id)
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id));
  return rows.map((r) => ({
    ...r,
    intake: Number(r.intake),
    active: Number(r.active),
    onHold: Number(r.onHold),
    caseload: Number(r.caseload),
    lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt).toISOString() : null,
  }));
}
