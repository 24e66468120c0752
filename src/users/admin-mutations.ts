import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { auditEvents, clientCareTeam, clients, users, type UserRole, type UserStatus } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { assignField, changeAccessSchema, deactivateUserSchema, inviteUserSchema, userIdSchema, type ChangeAccessInput } from "./admin-schemas";
import { emailStaffLink } from "@/messaging/staff";
import { issueToken, revokeOpenTokens, type IssuedToken } from "./tokens";
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

const adminOnly = ["admin"] as const;

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  status: UserStatus;
  supervisorId: string | null;
  hasPassword: boolean;
}

/** A user of the actor's organisation, locked for the rest of the transaction; null otherwise. */
export async function loadOrgUser(db: Db, actor: Actor, input: { userId: string }): Promise<OrgUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      supervisorId: users.supervisorId,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.organisationId, actor.organisationId)))
    .for("update")
    .limit(1);
  return row ?? null;
}

/**
 * Whether the organisation keeps an active administrator without this one. The active admins
 * are locked, so two administrators demoting each other at once cannot both succeed.
 */
async function isLastActiveAdmin(db: Db, organisationId: string, user: OrgUser): Promise<boolean> {
  if (user.role !== "admin" || user.status !== "active") return false;
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.role, "admin"), eq(users.status, "active")))
    .for("update");
  return admins.every((a) => a.id === user.id);
}

const lastAdmin = (name: string) => uv("lastAdmin", { name });

/** The supervisor to store: none for administrators, else an active or invited supervisor of the organisation. */
async function checkSupervisor(db: Db, actor: Actor, userId: string | null, input: Pick<ChangeAccessInput, "role" | "supervisorId">) {
  if (input.role === "admin" || !input.supervisorId) return null;
  if (input.supervisorId === userId) throw new ActionRefused(uv("checkSupervisor"), { supervisorId: [uv("cannotSuperviseSelf")] });
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, input.supervisorId),
        eq(users.organisationId, actor.organisationId),
        eq(users.role, "supervisor"),
        inArray(users.status, ["active", "invited"]),
      ),
    );
  if (!row) throw new ActionRefused(uv("checkSupervisor"), { supervisorId: [uv("chooseSupervisor")] });
  return row.id;
}

async function openClientCount(db: Db, organisationId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(clients)
    .where(and(eq(clients.organisationId, organisationId), eq(clients.primaryCounselorId, userId), ne(clients.status, "discharged")));
  return Number(row?.n ?? 0);
}

export interface InviteResult {
  userId: string;
  link: IssuedToken;
}

export const inviteUserSpec: ActionSpec<typeof inviteUserSchema, undefined, InviteResult> = {
  name: "user.invite",
  schema: inviteUserSchema,
  roles: adminOnly,
  audit: ({ input, result }) => ({
    action: "user.invite",
    entityType: "user",
    entityId: result.userId,
    detail: { role: input.role, tokenId: result.link.id },
  }),
};

const EMAIL_TAKEN = uv("emailTaken");

export const inviteUser: Handler<typeof inviteUserSchema, undefined, InviteResult> = async ({ db, actor, input, meta }) => {
  const supervisorId = await checkSupervisor(db, actor, null, input);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email)).limit(1);
  if (existing) throw new ActionRefused(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  let userId: string;
  try {
    const [row] = await db
      .insert(users)
      .values({ organisationId: actor.organisationId, name: input.name, email: input.email, role: input.role, status: "invited", supervisorId })
      .returning({ id: users.id });
    userId = row!.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionRefused(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    throw error;
  }
  const link = await issueToken(db, { organisationId: actor.organisationId, userId, purpose: "invite", createdBy: actor.userId });
  await emailStaffLink(db, { actor, meta, purpose: "invite", link, userId, email: input.email });
  return { userId, link };
};

export const reissueInviteSpec: ActionSpec<typeof userIdSchema, OrgUser, IssuedToken> = {
  name: "user.invite_reissue",
  schema: userIdSchema,
  roles: adminOnly,
  load: loadOrgUser,
  audit: ({ record, result }) => ({ action: "user.invite_reissue", entityType: "user", entityId: record.id, detail: { tokenId: result.id } }),
};

/** A new invitation link; the earlier one stops working. */
export const reissueInvite: Handler<typeof userIdSchema, OrgUser, IssuedToken> = async ({ db, actor, record, meta }) => {
  if (record.status !== "invited") throw new ActionRefused(uv("alreadyAccepted", { name: record.name }));
  const link = await issueToken(db, { organisationId: actor.organisationId, userId: record.id, purpose: "invite", createdBy: actor.userId });
  await emailStaffLink(db, { actor, meta, purpose: "invite", link, userId: record.id, email: record.email });
  return link;
};

export const issueResetSpec: ActionSpec<typeof userIdSchema, OrgUser, IssuedToken> = {
  name: "user.reset_link",
  schema: userIdSchema,
  roles: adminOnly,
  load: loadOrgUser,
  audit: ({ record, result }) => ({ action: "user.reset_link", entityType: "user", entityId: record.id, detail: { tokenId: result.id } }),
};

/** A password reset link for an active user; their password stays as it is until the link is used. */
export const issueReset: Handler<typeof userIdSchema, OrgUser, IssuedToken> = async ({ db, actor, record, meta }) => {
  if (record.status !== "active") throw new ActionRefused(uv("resetOnlyActive", { name: record.name, status: record.status }));
  const link = await issueToken(db, { organisationId: actor.organisationId, userId: record.id, purpose: "reset", createdBy: actor.userId });
  await emailStaffLink(db, { actor, meta, purpose: "reset", link, userId: record.id, email: record.email });
  return link;
};

export interface AccessChange {
  roleChanged: boolean;
  fromRole: UserRole;
  supervisorId: string | null;
}

export const changeAccessSpec: ActionSpec<typeof changeAccessSchema, OrgUser, AccessChange> = {
  name: "user.change_access",
  schema: changeAccessSchema,
  roles: adminOnly,
  load: loadOrgUser,
  audit: ({ input, record, result }) => ({
    action: result.roleChanged ? "user.change_role" : "user.change_supervisor",
    entityType: "user",
    entityId: record.id,
    detail: { fromRole: result.fromRole, toRole: input.role, supervisorId: result.supervisorId },
  }),
};

/** Role and supervisor. A role change ends the user's sessions at their next request. */
export const changeAccess: Handler<typeof changeAccessSchema, OrgUser, AccessChange> = async ({ db, actor, input, record }) => {
  const roleChanged = input.role !== record.role;
  if (roleChanged && (await isLastActiveAdmin(db, actor.organisationId, record))) {
    throw new ActionRefused(lastAdmin(record.name), { role: [lastAdmin(record.name)] });
  }
  if (roleChanged && record.role === "supervisor") {
    const [row] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.organisationId, actor.organisationId), eq(users.supervisorId, record.id), ne(users.status, "deactivated")));
    const n = Number(row?.n ?? 0);
    if (n > 0) {
      const message = uv("stillSupervises", { name: record.name, count: n });
      throw new ActionRefused(message, { role: [message] });
    }
  }
  if (roleChanged && input.role === "admin") {
    const open = await openClientCount(db, actor.organisationId, record.id);
    if (open > 0) {
      const message = uv("stillPrimaryCounselor", { name: record.name, count: open });
      throw new ActionRefused(message, { role: [message] });
    }
  }
  const supervisorId = await checkSupervisor(db, actor, record.id, input);
  if (!roleChanged && supervisorId === record.supervisorId) {
    throw new ActionRefused(uv("nothingToSave", { name: record.name }));
  }
  await db
    .update(users)
    .set({ role: input.role, supervisorId, updatedAt: new Date(), ...(roleChanged ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
    .where(eq(users.id, record.id));
  return { roleChanged, fromRole: record.role, supervisorId };
};

export const deactivateUserSpec: ActionSpec<typeof deactivateUserSchema, OrgUser, { moved: number }> = {
  name: "user.deactivate",
  schema: deactivateUserSchema,
  roles: adminOnly,
  load: loadOrgUser,
  audit: ({ record, result }) => ({ action: "user.deactivate", entityType: "user", entityId: record.id, detail: { clientsMoved: result.moved } }),
};

/**
 * Deactivates a user and, in the same transaction, moves each of their open clients to the
 * counselor chosen for it (or to the one chosen for all). Their sessions and links end with it.
 */
export const deactivateUser: Handler<typeof deactivateUserSchema, OrgUser, { moved: number }> = async ({ db, actor, input, record, meta }) => {
  if (record.id === actor.userId) throw new ActionRefused(uv("cannotDeactivateSelf"));
  if (record.status === "deactivated") throw new ActionRefused(uv("alreadyDeactivated", { name: record.name }));
  if (await isLastActiveAdmin(db, actor.organisationId, record)) throw new ActionRefused(lastAdmin(record.name));

  const open = await db
    .select({ id: clients.id, recordNumber: clients.recordNumber })
    .from(clients)
    .where(and(eq(clients.organisationId, actor.organisationId), eq(clients.primaryCounselorId, record.id), ne(clients.status, "discharged")))
    .orderBy(clients.recordNumber)
    .for("update");

  const now = new Date();
  if (open.length > 0) {
    const targets = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.organisationId, actor.organisationId),
          eq(users.status, "active"),
          inArray(users.role, ["counselor", "supervisor"]),
          ne(users.id, record.id),
        ),
      );
    const allowed = new Set(targets.map((t) => t.id));
    const errors: Record<string, string[]> = {};
    const moves: { clientId: string; to: string }[] = [];
    const noChoiceAtAll = !input.moveAllTo && open.every((client) => !input.assignments[client.id]);
    if (noChoiceAtAll) errors.moveAllTo = [uv("chooseWhoTakesClients")];
    for (const client of open) {
      const own = input.assignments[client.id];
      const to = own ?? input.moveAllTo;
      if (!to) {
        if (!noChoiceAtAll) errors[assignField(client.id)] = [uv("chooseWhoTakes", { record: client.recordNumber })];
      } else if (!allowed.has(to)) {
        if (own) errors[assignField(client.id)] = [uv("chooseActiveCounselor")];
        else errors.moveAllTo = [uv("chooseActiveCounselor")];
      } else moves.push({ clientId: client.id, to });
    }
    if (Object.keys(errors).length > 0) {
      throw new ActionRefused(uv("chooseWhoTakesEach", { name: record.name, count: open.length }), errors);
    }
    for (const to of new Set(moves.map((m) => m.to))) {
      const ids = moves.filter((m) => m.to === to).map((m) => m.clientId);
      await db
        .update(clients)
        .set({ primaryCounselorId: to, version: sql`${clients.version} + 1`, updatedAt: now })
        .where(and(eq(clients.organisationId, actor.organisationId), inArray(clients.id, ids)));
      // The new primary counselor no longer needs a separate care-team place.
      await db.delete(clientCareTeam).where(and(inArray(clientCareTeam.clientId, ids), eq(clientCareTeam.userId, to)));
    }
    await db.insert(auditEvents).values(
      moves.map((m) => ({
        organisationId: actor.organisationId,
        actorKind: "user" as const,
        actorUserId: actor.userId,
        action: "client.reassign",
        entityType: "client",
        entityId: m.clientId,
        clientId: m.clientId,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        detail: { fromUserId: record.id, toUserId: m.to, reason: "deactivation" },
      })),
    );
  }

  await db
    .update(users)
    .set({ status: "deactivated", sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(eq(users.id, record.id));
  await revokeOpenTokens(db, record.id, now);
  return { moved: open.length };
};

export const reactivateUserSpec: ActionSpec<typeof userIdSchema, OrgUser, { status: UserStatus }> = {
  name: "user.reactivate",
  schema: userIdSchema,
  roles: adminOnly,
  load: loadOrgUser,
  audit: ({ record, result }) => ({ action: "user.reactivate", entityType: "user", entityId: record.id, detail: { status: result.status } }),
};

/** Back to active; someone who never set a password goes back to invited and needs a new link. */
export const reactivateUser: Handler<typeof userIdSchema, OrgUser, { status: UserStatus }> = async ({ db, record }) => {
  if (record.status !== "deactivated") throw new ActionRefused(uv("notDeactivated", { name: record.name }));
  const status: UserStatus = record.hasPassword ? "active" : "invited";
  await db.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, record.id));
  return { status };
};
