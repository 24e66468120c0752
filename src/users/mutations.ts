import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { hashPassword, verifyPassword } from "@/auth/passwords";
import { passwordProblem } from "@/auth/password-policy";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { changePasswordSchema, profileSchema } from "./schemas";
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

/** The actor's own user row, scoped by organisation too. */
async function loadSelf(db: Db, actor: Actor) {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, email: users.email })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId), eq(users.status, "active")))
    .limit(1);
  return row ?? null;
}

export const updateProfileSpec: ActionSpec<typeof profileSchema, { id: string }, void> = {
  name: "user.update_profile",
  schema: profileSchema,
  load: loadSelf,
  audit: ({ record }) => ({ action: "user.update_profile", entityType: "user", entityId: record.id }),
};

export const updateProfile: Handler<typeof profileSchema, { id: string }, void> = async ({ db, input, record }) => {
  await db.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, record.id));
};

type Self = NonNullable<Awaited<ReturnType<typeof loadSelf>>>;

export const changePasswordSpec: ActionSpec<typeof changePasswordSchema, Self, void> = {
  name: "user.change_password",
  schema: changePasswordSchema,
  load: loadSelf,
  audit: ({ record }) => ({ action: "user.change_password", entityType: "user", entityId: record.id }),
};

/** Changing the password ends every other session: the session version moves on. */
export const changePassword: Handler<typeof changePasswordSchema, Self, void> = async ({ db, input, record }) => {
  if (!(await verifyPassword(record.passwordHash, input.currentPassword))) {
    throw new ActionRefused(uv("currentPasswordWrong"), {
      currentPassword: [uv("currentPasswordWrong")],
    });
  }
  const problem = passwordProblem(input.newPassword, { email: record.email });
  if (problem) throw new ActionRefused(problem, { newPassword: [problem] });
  await db
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      sessionVersion: sql`${users.sessionVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, record.id));
};
