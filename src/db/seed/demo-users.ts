import type { UserRole } from "@/db/schema";

export const DEMO_ORGANISATION = "Riverside Recovery Collective (demo)";
export const DEMO_PASSWORD_DEFAULT = "attune-demo";

export interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: UserRole;
  supervisor?: string;
}

export const demoUsers: readonly DemoUser[] = [
  { key: "admin", email: "admin@attune.demo", name: "Alex Morgan", role: "admin" },
  { key: "supervisor", email: "supervisor@attune.demo", name: "Dr. Priya Raman", role: "supervisor" },
  { key: "counselor", email: "counselor@attune.demo", name: "Jordan Ellis", role: "counselor", supervisor: "supervisor" },
  { key: "counselor2", email: "counselor2@attune.demo", name: "Sam Okafor", role: "counselor", supervisor: "supervisor" },
  { key: "counselor3", email: "counselor3@attune.demo", name: "Riley Chen", role: "counselor", supervisor: "supervisor" },
];

// A second, separate organisation, so that tests can prove nothing crosses between tenants.
export const OTHER_ORGANISATION = "Harbour Counselling (demo)";
export const otherOrgUsers: readonly DemoUser[] = [
  { key: "other", email: "other-org@attune.demo", name: "Casey Burke", role: "counselor" },
];
