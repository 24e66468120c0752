import { hashPassword } from "../src/auth/passwords";
import type { Db } from "../src/db/client";
import { organisations, users } from "../src/db/schema";
import { SECURITY_ORGANISATION, securityUsers } from "../e2e/security-users";

/** The security tests' own organisation and people (see e2e/security-users.ts), with the demo password. */
export async function seedSecurityUsers(db: Db, password = process.env.DEMO_PASSWORD ?? "attune-demo"): Promise<void> {
  const [org] = await db.insert(organisations).values({ name: SECURITY_ORGANISATION }).returning({ id: organisations.id });
  const passwordHash = await hashPassword(password);
  await db.insert(users).values(Object.values(securityUsers).map((u) => ({ organisationId: org!.id, email: u.email, name: u.name, role: u.role, passwordHash })));
}
