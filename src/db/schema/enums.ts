import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["counselor", "supervisor", "admin"]);
// invited: the account exists but its owner has not yet accepted the invitation (no password).
export const userStatus = pgEnum("user_status", ["active", "deactivated", "invited"]);
export const tokenPurpose = pgEnum("token_purpose", ["invite", "reset"]);
export const actorKind = pgEnum("actor_kind", ["user", "portal", "system", "anonymous"]);

export type UserRole = (typeof userRole.enumValues)[number];
export type UserStatus = (typeof userStatus.enumValues)[number];
export type ActorKind = (typeof actorKind.enumValues)[number];
