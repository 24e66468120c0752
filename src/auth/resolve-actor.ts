import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "./actor";

/**
 * Turns a session token's claims into the actor, from the user's current row: role and
 * organisation come from the database (a role change applies at the next request), and a
 * deactivated user or a stale session version ends the session.
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
    })
    .from(users)
    .where(eq(users.id, claims.userId))
    .limit(1);
  if (!row || row.status !== "active" || row.sessionVersion !== claims.sessionVersion) return "ended";
  return { userId: row.userId, organisationId: row.organisationId, role: row.role, name: row.name, email: row.email };
}
