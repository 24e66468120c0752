import type { UserRole } from "@/db/schema";

export interface NavItem {
  href: string;
  label: string;
  roles: readonly UserRole[];
}

// Only what the role may use is shown; every page checks the role again on the server.
export const navItems: readonly NavItem[] = [
  { href: "/caseload", label: "Caseload", roles: ["counselor", "supervisor"] },
  { href: "/clients", label: "Clients", roles: ["counselor", "supervisor"] },
  { href: "/library", label: "Library", roles: ["counselor", "supervisor", "admin"] },
  { href: "/team", label: "Team", roles: ["supervisor"] },
  { href: "/team/outcomes", label: "Team outcomes", roles: ["supervisor"] },
  { href: "/notes/cosign", label: "Notes to co-sign", roles: ["supervisor"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/instruments", label: "Instruments", roles: ["admin"] },
  { href: "/admin/crisis-lines", label: "Crisis lines", roles: ["admin"] },
  { href: "/admin/audit", label: "Audit log", roles: ["admin"] },
  { href: "/admin/messages", label: "Messages", roles: ["admin"] },
  { href: "/profile", label: "Profile", roles: ["counselor", "supervisor", "admin"] },
];

export function navFor(role: UserRole): NavItem[] {
  return navItems.filter((item) => item.roles.includes(role));
}
