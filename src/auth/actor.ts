import type { UserRole } from "@/db/schema";
import { staffText } from "@/i18n/staff";

/** The signed-in person as every permission check sees them, read fresh from the database. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: UserRole;
  name: string;
  email: string;
  /**
   * The organisation requires two-factor sign-in for this (clinical) user, who has not set it
   * up yet: the session state holds such an actor back from everything but the setup page.
   */
  twoFactorSetupRequired?: boolean;
}

export const clinicalRoles: readonly UserRole[] = ["counselor", "supervisor"];

export function isClinical(actor: Actor): boolean {
  return clinicalRoles.includes(actor.role);
}

export function hasRole(actor: Actor, roles: readonly UserRole[] | undefined): boolean {
  return !roles || roles.includes(actor.role);
}

const userWords = staffText("userLabels");

export const roleLabels: Record<UserRole, string> = {
  counselor: userWords("roleCounselor"),
  supervisor: userWords("roleSupervisor"),
  admin: userWords("roleAdmin"),
};
