import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { clients, supportContacts, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

export interface DemoWorld {
  t: TestDatabase;
  actors: Record<string, Actor>;
  /** Active clients of counselor@, oldest record number first. */
  counselorClients: { id: string; timeZone: string }[];
  family: { clientId: string; contactId: string };
}

/** A fresh database with the demo organisation, and its people by the part of their email before @. */
export async function demoWorld(): Promise<DemoWorld> {
  const t = await createTestDatabase();
  // The check-in tests build their own history; the demo's would change their counts.
  await seedDemo(t.db, { password: "unused-here", checkins: false });
  const actors: Record<string, Actor> = {};
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const counselorClients = await t.db
    .select({ id: clients.id, timeZone: clients.timeZone })
    .from(clients)
    .where(and(eq(clients.primaryCounselorId, actors.counselor!.userId), eq(clients.status, "active")))
    .orderBy(asc(clients.recordNumber));
  const [marisol] = await t.db.select().from(supportContacts).where(eq(supportContacts.name, "Marisol Abbott"));
  return { t, actors, counselorClients, family: { clientId: marisol!.clientId, contactId: marisol!.id } };
}

let counter = 0;
/** A fresh, well-formed idempotency key. */
export const newKey = (label = "k") => `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`.replace(/[^A-Za-z0-9_-]/g, "").padEnd(20, "x").slice(0, 60);
