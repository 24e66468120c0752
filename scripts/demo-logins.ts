import { DEMO_PASSWORD_DEFAULT, demoUsers, otherOrgUsers } from "../src/db/seed/demo-users";

export function printDemoLogins(baseUrl?: string): void {
  const password = process.env.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
  const lines = [
    "",
    "Demo sign-ins (all with the password: " + password + ")",
    ...[...demoUsers, ...otherOrgUsers].map((u) => `  ${u.email.padEnd(26)} ${u.role.padEnd(11)} ${u.name}${u.key === "other" ? "  (a second, separate organisation)" : ""}`),
  ];
  if (baseUrl) lines.push("", `Open ${baseUrl} and sign in.`);
  console.log(lines.join("\n"));
}
