import "server-only";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { clinicalRoles } from "@/auth/actor";
import type { Db } from "@/db/client";
import { organisations, users } from "@/db/schema";

/** The organisation's two-factor rule and how many active clinical users still lack it (admins only). */
export async function orgTwoFactorSummary(db: Db, actor: Actor): Promise<{ required: boolean; clinicalWithout: number }> {
  const [org] = await db.select({ required: organisations.requireTwoFactor }).from(organisations).where(eq(organisations.id, actor.organisationId));
  const [without] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, actor.organisationId), eq(users.status, "active"), inArray(users.role, [...clinicalRoles]), isNull(users.totpEnabledAt)));
  return { required: Boolean(org?.required), clinicalWithout: Number(without?.n ?? 0) };
}

/** Whether a user of the actor's organisation has two-factor on. */
export async function userHasTwoFactor(db: Db, actor: Actor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ enabledAt: users.totpEnabledAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, actor.organisationId)));
  return Boolean(row?.enabledAt);
}
