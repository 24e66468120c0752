import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, users } from "@/db/schema";
import { clinicalRoles, type Actor } from "./actor";

/**
 * Turns a session token's claims into the actor, from the user's current row: role and
 * organisation come from the database (a role change applies at the next request), and a
 * deactivated user or a stale session version ends the session. A clinical user of an
 * organisation that requires two-factor sign-in, without it, is marked for setup.
 */
export async function resolveActor(db: Db, claims: { userId: string; sessionVersion: number }): Promise<Actor | "ended"> {
  const [row] = await db
    .select({
      userId: users.id,
      organisationId: users.organisationId,
      role: users.role,
      name: users.name,
      email: users.email,
      status: users.status,
      sessionVersion: users.sessionVersion,
      twoFactorOn: sql<boolean>`${users.totpEnabledAt} is not null`,
      orgRequiresTwoFactor: organisations.requireTwoFactor,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row || row.status !== "active" || row.sessionVersion !== claims.sessionVersion) return "ended";
  const actor: Actor = { userId: row.userId, organisationId: row.organisationId, role: row.role, name: row.name, email: row.email };
  if (row.orgRequiresTwoFactor && !row.twoFactorOn && clinicalRoles.includes(row.role)) actor.twoFactorSetupRequired = true;
  return actor;
}
