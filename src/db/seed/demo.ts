import { eq } from "drizzle-orm";
import { hashPassword } from "@/auth/passwords";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { clients, organisations, users } from "@/db/schema";
import { seedDemoClients } from "./demo-clients";
import { seedDemoCheckins } from "./demo-checkins";
import { seedDemoHistory } from "./demo-history";
import { seedDemoExercises } from "./demo-exercises";
import { seedDemoMessages } from "./demo-messages";
import { seedDemoNotes } from "./demo-notes";
import { DEMO_ORGANISATION, DEMO_PASSWORD_DEFAULT, demoUsers, OTHER_ORGANISATION, otherOrgUsers, type DemoUser } from "./demo-users";

export type SeedOutcome = { kind: "seeded"; organisationId: string } | { kind: "already-seeded"; organisationId: string };

export class SeedRefused extends Error {}

async function insertUsers(db: Db, organisationId: string, list: readonly DemoUser[], passwordHash: string) {
  const ids = new Map<string, string>();
  // Supervisors first, so counselors can point at them.
  const ordered = [...list].sort((a, b) => Number(Boolean(a.supervisor)) - Number(Boolean(b.supervisor)));
  for (const u of ordered) {
    const [row] = await db
      .insert(users)
      .values({
        organisationId,
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        supervisorId: u.supervisor ? ids.get(u.supervisor) : null,
      })
      .returning({ id: users.id });
    ids.set(u.key, row!.id);
  }
  return ids;
}

/**
 * Seeds the demo organisation once. Safe to run again (it finds the demo and stops), and it
 * refuses to touch a database that holds any organisation it did not create.
 */
export async function seedDemo(db: Db, options: { password?: string; /** Tests that build their own check-in history leave the demo's out. */ checkins?: boolean } = {}): Promise<SeedOutcome> {
  const existing = await db.select({ id: organisations.id, name: organisations.name, isDemo: organisations.isDemo }).from(organisations);
  if (existing.some((o) => !o.isDemo)) {
    throw new SeedRefused("This database holds a real (non-demo) organisation. The demo seed only runs on an empty or demo database.");
  }
  const demo = existing.find((o) => o.name === DEMO_ORGANISATION);
  if (demo) return { kind: "already-seeded", organisationId: demo.id };

  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD_DEFAULT);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ name: DEMO_ORGANISATION, isDemo: true }).returning({ id: organisations.id });
    const organisationId = org!.id;
    const userIds = await insertUsers(tx, organisationId, demoUsers, passwordHash);
    const seeded = await seedDemoClients(tx, organisationId, userIds, new Date().toISOString().slice(0, 10));
    await seedDemoExercises(tx, organisationId, seeded, userIds);
    if (options.checkins !== false) {
      await seedDemoCheckins(tx, organisationId, seeded, userIds);
      await seedDemoHistory(tx, organisationId, userIds);
    }
    await seedDemoNotes(tx, organisationId, userIds, new Date().toISOString().slice(0, 10));
    await seedDemoMessages(tx, organisationId, seeded, userIds);
    const [other] = await tx.insert(organisations).values({ name: OTHER_ORGANISATION, isDemo: true }).returning({ id: organisations.id });
    const otherIds = await insertUsers(tx, other!.id, otherOrgUsers, passwordHash);
    await seedOtherOrganisationClient(tx, other!.id, otherIds.get("other")!);
    await recordAudit(tx, { organisationId, actorKind: "system", action: "system.seed_demo", entityType: "organisation", entityId: organisationId });
    return { kind: "seeded", organisationId } as const;
  });
}

/** One client in the second organisation, so cross-tenant tests have a real record to aim at. */
async function seedOtherOrganisationClient(db: Db, organisationId: string, counselorId: string) {
  await db.insert(clients).values({
    organisationId,
    name: "Harper Quinn",
    recordNumber: "HC-0001",
    recoveryFocus: "trauma",
    status: "active",
    primaryCounselorId: counselorId,
    startDate: "2026-01-05",
  });
}

export async function findDemoOrganisation(db: Db): Promise<string | null> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_ORGANISATION));
  return row?.id ?? null;
}
