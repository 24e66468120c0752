import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, clients } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { todayIn } from "@/lib/zod-fields";
import { demoActors } from "@/notes/testing";
import { clearExpectedRecoveryCache } from "@/outcomes/expected-recovery/store";

/** The export tests' world: the demo on a database of its own, its actors, and its first client. */
export interface ExportsFixture {
  t: TestDatabase;
  actors: Record<string, Actor>;
  /** The demo's first client of counselor@ (RRC-1001): a year of check-ins, exercises, family sessions. */
  clientId: string;
  timeZone: string;
}

export const today = todayIn("America/New_York");
export const year = new URLSearchParams({ from: addDays(today, -365), to: today });

/** Sets the world up before the file's tests and closes it after; its fields are filled in before the first test. */
export function exportsFixture(): ExportsFixture {
  const fixture = {} as ExportsFixture;
  beforeAll(async () => {
    fixture.t = await createTestDatabase();
    await seedDemo(fixture.t.db, { password: "unused-here" });
    fixture.actors = await demoActors(fixture.t.db);
    const [row] = await fixture.t.db.select({ id: clients.id, tz: clients.timeZone }).from(clients).where(eq(clients.recordNumber, "RRC-1001"));
    fixture.clientId = row!.id;
    fixture.timeZone = row!.tz;
  }, 120_000);
  afterAll(async () => {
    // Reports start background refits of curves never fitted; let them end before the database does.
    await clearExpectedRecoveryCache();
    await fixture.t?.close();
  });
  return fixture;
}

/** How many exports this person has made (audit events). */
export async function exportsBy(t: TestDatabase, actor: Actor): Promise<number> {
  return Number((await t.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, "report.export"))))[0]!.n);
}

/** A response's text without the byte-order mark the CSV files start with. */
export const text = async (r: Response) => (await r.text()).replace(/^\uFEFF/, "");
