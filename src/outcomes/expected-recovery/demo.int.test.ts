import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBundledInstrument } from "@/content/instruments";
import { eq } from "drizzle-orm";
import { organisations } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_ORGANISATION } from "@/db/seed/demo-users";
import type { Instrument } from "@/instruments/fhir-schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { NUMBNESS_URL } from "../team";
import { clearExpectedRecoveryCache, refitExpectedRecovery } from "./store";

let t: TestDatabase;
let numbness: Instrument;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "expected-recovery-demo" });
  numbness = (await getBundledInstrument(NUMBNESS_URL))!;
}, 180_000);
afterAll(async () => {
  await clearExpectedRecoveryCache();
  await t?.close();
});

describe("expected recovery on the demo data", () => {
  it("fits a numbness curve in which clients improve over time, and a hold-out check that is informative but not perfect", async () => {
    const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_ORGANISATION));
    const stored = await refitExpectedRecovery(t.db, org!.id, numbness, "admin");
    expect(stored.fit).not.toBeNull();
    expect(stored.nClients).toBeGreaterThanOrEqual(100);
    // Numbness falls with time for a typical client, and a higher baseline stays higher.
    expect(stored.fit!.beta[2]).toBeLessThan(0);
    expect(stored.fit!.beta[1]).toBeGreaterThan(0);
    const counts = stored.validation?.counts;
    expect(counts).toBeTruthy();
    expect(counts!.tested).toBeGreaterThanOrEqual(15);
    expect(counts!.endedPoorly).toBeGreaterThanOrEqual(3);
    expect(counts!.endedPoorlyFlaggedEarly).toBeGreaterThan(0);
    expect(counts!.endedPoorlyFlaggedEarly < counts!.endedPoorly || counts!.endedWellFlagged > 0).toBe(true);
  });
});
