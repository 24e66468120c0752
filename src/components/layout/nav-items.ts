import type { UserRole } from "@/db/schema";
import { staffText } from "@/i18n/staff";

const t = staffText("shell");

export interface NavItem {
  href: string;
  label: string;
  roles: readonly UserRole[];
}

// Only what the role may use is shown; every page checks the role again on the server.
export const navItems: readonly NavItem[] = [
  { href: "/caseload", label: t("navCaseload"), roles: ["counselor", "supervisor"] },
  { href: "/clients", label: t("navClients"), roles: ["counselor", "supervisor"] },
  { href: "/library", label: t("navLibrary"), roles: ["counselor", "supervisor", "admin"] },
  { href: "/team", label: t("navTeam"), roles: ["supervisor"] },
  { href: "/team/outcomes", label: t("navTeamOutcomes"), roles: ["supervisor"] },
  { href: "/notes/cosign", label: t("navNotesToCosign"), roles: ["supervisor"] },
  { href: "/admin/users", label: t("navUsers"), roles: ["admin"] },
  { href: "/admin/instruments", label: t("navInstruments"), roles: ["admin"] },
  { href: "/admin/crisis-lines", label: t("navCrisisLines"), roles: ["admin"] },
  { href: "/admin/audit", label: t("navAuditLog"), roles: ["admin"] },
  { href: "/admin/messages", label: t("navMessages"), roles: ["admin"] },
  { href: "/profile", label: t("navProfile"), roles: ["counselor", "supervisor", "admin"] },
];

export function navFor(role: UserRole): NavItem[] {
  return navItems.filter((item) => item.roles.includes(role));
}
