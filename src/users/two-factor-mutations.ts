import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { clinicalRoles, type Actor } from "@/auth/actor";
import { verifyPassword } from "@/auth/passwords";
import { beginEnrolment, confirmEnrolment, consumeSecondFactor, removeTwoFactor, type EnrolmentSecret } from "@/auth/two-factor";
import type { Db } from "@/db/client";
import { organisations, users } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { loadOrgUser, type OrgUser } from "./admin-mutations";
import { userIdSchema } from "./admin-schemas";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

export const emptySchema = z.object({});
export const confirmTwoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, ae("enterSixDigitCode")),
});
export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, ae("enterPassword")).max(1024),
  code: z.string().trim().min(6, ae("enterCodeOrRecovery")).max(64),
});
export const orgTwoFactorSchema = z.object({ required: z.enum(["yes", "no"]) });

type Self = { id: string; email: string; organisationId: string; role: Actor["role"]; passwordHash: string | null; orgRequires: boolean };

async function loadSelf(db: Db, actor: Actor): Promise<Self | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      organisationId: users.organisationId,
      role: users.role,
      passwordHash: users.passwordHash,
      orgRequires: organisations.requireTwoFactor,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, actor.userId), eq(users.organisationId, actor.organisationId), eq(users.status, "active")))
    .for("update", { of: users })
    .limit(1);
  return row ?? null;
}

export const beginTwoFactorSpec: ActionSpec<typeof emptySchema, Self, EnrolmentSecret> = {
  name: "user.two_factor_setup_started",
  schema: emptySchema,
  load: loadSelf,
  audit: ({ record }) => ({ action: "user.two_factor_setup_started", entityType: "user", entityId: record.id }),
};

export const beginTwoFactor: Handler<typeof emptySchema, Self, EnrolmentSecret> = async ({ db, record }) => {
  const secret = await beginEnrolment(db, record);
  if (!secret) throw new ActionRefused(ae("twoFactorAlreadyOn"));
  return secret;
};

export const confirmTwoFactorSpec: ActionSpec<typeof confirmTwoFactorSchema, Self, string[]> = {
  name: "user.two_factor_enabled",
  schema: confirmTwoFactorSchema,
  load: loadSelf,
  audit: ({ record }) => ({ action: "user.two_factor_enabled", entityType: "user", entityId: record.id }),
};

/** Returns the ten recovery codes, shown once. */
export const confirmTwoFactor: Handler<typeof confirmTwoFactorSchema, Self, string[]> = async ({ db, input, record }) => {
  const codes = await confirmEnrolment(db, record, input.code);
  if (!codes) {
    const message = ae("codeNoMatch");
    throw new ActionRefused(message, { code: [message] });
  }
  return codes;
};

export const disableTwoFactorSpec: ActionSpec<typeof disableTwoFactorSchema, Self, void> = {
  name: "user.two_factor_disabled",
  schema: disableTwoFactorSchema,
  load: loadSelf,
  audit: ({ record }) => ({ action: "user.two_factor_disabled", entityType: "user", entityId: record.id }),
};

/** Turning it off takes the password and a current code (or a recovery code). */
export const disableTwoFactor: Handler<typeof disableTwoFactorSchema, Self, void> = async ({ db, input, record }) => {
  if (record.orgRequires && clinicalRoles.includes(record.role)) {
    throw new ActionRefused(ae("cannotTurnOff"));
  }
  const passwordOk = await verifyPassword(record.passwordHash, input.password);
  const factor = passwordOk ? await consumeSecondFactor(db, record.id, input.code) : null;
  if (!factor) {
    const message = ae("passwordOrCodeWrong");
    throw new ActionRefused(message, { password: [message], code: [message] });
  }
  await removeTwoFactor(db, record.id);
};

export const setOrgTwoFactorSpec: ActionSpec<typeof orgTwoFactorSchema, { id: string }, { required: boolean }> = {
  name: "organisation.require_two_factor",
  schema: orgTwoFactorSchema,
  roles: ["admin"],
  load: async (db, actor) => {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).limit(1);
    return org ?? null;
  },
  audit: ({ record, result }) => ({ action: "organisation.require_two_factor", entityType: "organisation", entityId: record.id, detail: { required: result.required } }),
};

export const setOrgTwoFactor: Handler<typeof orgTwoFactorSchema, { id: string }, { required: boolean }> = async ({ db, input, record }) => {
  const required = input.required === "yes";
  await db.update(organisations).set({ requireTwoFactor: required }).where(eq(organisations.id, record.id));
  return { required };
};

export const resetTwoFactorSpec: ActionSpec<typeof userIdSchema, OrgUser, void> = {
  name: "user.two_factor_reset",
  schema: userIdSchema,
  roles: ["admin"],
  load: loadOrgUser,
  audit: ({ record }) => ({ action: "user.two_factor_reset", entityType: "user", entityId: record.id }),
};

/** An administrator turns a person's two-factor off (a lost phone and lost codes); their sessions end. */
export const resetTwoFactor: Handler<typeof userIdSchema, OrgUser, void> = async ({ db, record }) => {
  await removeTwoFactor(db, record.id);
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, record.id));
};
