import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { checkinAdministrations, clients, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { clientItemTrends } from "./item-trends";

const NUMBNESS = "https://attune.health/fhir/Questionnaire/attune-numbness";

let t: TestDatabase;
const actors: Record<string, Actor> = {};
let dante: { id: string; timeZone: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const [c] = await t.db.select({ id: clients.id, timeZone: clients.timeZone }).from(clients).where(eq(clients.recordNumber, "RRC-1004"));
  dante = c!;
});

afterAll(async () => {
  await t?.close();
});

describe(`item trends from stored check-ins (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("splits the total into its questions: the item starts add up to the mean of the first three totals", async () => {
    const trends = await clientItemTrends(t.db, actors.counselor!, dante, NUMBNESS, "all", new Date());
    expect(trends.chosen).toMatchObject({ url: NUMBNESS, direction: "higher_is_worse" });
    expect(trends.choices.map((c) => c.url)).toContain(NUMBNESS);

    const stored = await t.db
      .select({ total: checkinAdministrations.total, status: checkinAdministrations.status })
      .from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.clientId, dante.id), eq(checkinAdministrations.instrumentUrl, NUMBNESS), isNull(checkinAdministrations.contactId)))
      .orderBy(asc(checkinAdministrations.administeredAt));
    expect(trends.checkins).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(6);
    expect(stored.slice(0, 3).every((s) => s.status === "complete")).toBe(true);

    // Sum scoring is linear: Σ over items of (mean of the first three answers) = mean of the first three totals.
    const firstTotals = stored.slice(0, 3).map((s) => s.total!);
    const lastTotals = stored.slice(-3).map((s) => s.total!);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sumStarts = trends.items.reduce((a, i) => a + i.start!.value, 0);
    const sumEnds = trends.items.reduce((a, i) => a + i.end!.value, 0);
    expect(Math.abs(sumStarts - mean(firstTotals))).toBeLessThan(0.05 * trends.items.length);
    if (stored.slice(-3).every((s) => s.status === "complete")) expect(Math.abs(sumEnds - mean(lastTotals))).toBeLessThan(0.05 * trends.items.length);

    // The demo's deteriorating client: some question moved the worse way, and those lead the list.
    expect(trends.items.some((i) => i.move === "worse")).toBe(true);
    const changes = trends.items.map((i) => Math.abs(i.change ?? 0));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
  });

  it("keeps to the range and to the organisation", async () => {
    const short = await clientItemTrends(t.db, actors.counselor!, dante, NUMBNESS, "3m", new Date());
    const all = await clientItemTrends(t.db, actors.counselor!, dante, NUMBNESS, "all", new Date());
    expect(short.checkins).toBeGreaterThan(0);
    expect(short.checkins).toBeLessThan(all.checkins);

    // Another organisation's user reaching this function with the id finds nothing of it.
    const stranger = await clientItemTrends(t.db, actors["other-org"]!, dante, NUMBNESS, "all", new Date());
    expect(stranger).toEqual({ choices: [], chosen: null, checkins: 0, items: [] });
  });
});
