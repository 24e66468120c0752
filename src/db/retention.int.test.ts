import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, portalAttempts, signInAttempts } from "@/db/schema";
import { createOrganisation } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { rowsOf } from "./client";
import { pruneExpiredRows } from "./retention";

let t: TestDatabase;
let orgId: string;
const now = new Date("2027-05-10T12:00:00Z");
const daysAgo = (days: number, minutes = 0) => new Date(now.getTime() - days * 86_400_000 - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Retention org");
});
afterAll(async () => t?.close());

async function count(table: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
}

describe("pruning the limiters' and idempotency rows", () => {
  it("deletes only rows past their retention, at most a batch of each table per run", async () => {
    // Sign-in and portal attempts are kept 2 days, idempotency keys 7.
    await t.db.insert(signInAttempts).values([
      ...Array.from({ length: 5 }, (_, i) => ({ email: "old@test.example", ip: "198.51.100.1", outcome: "failure" as const, attemptedAt: daysAgo(3, i) })),
      { email: "recent@test.example", ip: "198.51.100.1", outcome: "failure" as const, attemptedAt: daysAgo(1) },
      { email: "edge@test.example", ip: "198.51.100.1", outcome: "success" as const, attemptedAt: daysAgo(2, -1) },
    ]);
    await t.db.insert(portalAttempts).values([
      { ip: "198.51.100.2", attemptedAt: daysAgo(2, 1) },
      { ip: "198.51.100.2", attemptedAt: daysAgo(0, 5) },
    ]);
    await t.db.insert(idempotencyKeys).values([
      { organisationId: orgId, key: "old-key-000000000001", action: "client.create", createdAt: daysAgo(8) },
      { organisationId: orgId, key: "new-key-000000000001", action: "client.create", createdAt: daysAgo(6) },
    ]);

    expect(await pruneExpiredRows(t.db, now, 3)).toEqual({ signInAttempts: 3, portalAttempts: 1, idempotencyKeys: 1 });
    expect(await pruneExpiredRows(t.db, now, 3)).toEqual({ signInAttempts: 2, portalAttempts: 0, idempotencyKeys: 0 });
    expect(await pruneExpiredRows(t.db, now, 3)).toEqual({ signInAttempts: 0, portalAttempts: 0, idempotencyKeys: 0 });

    const left = rowsOf<{ email: string }>(await t.db.execute(sql`select email from sign_in_attempts order by email`)).map((r) => r.email);
    expect(left).toEqual(["edge@test.example", "recent@test.example"]);
    expect(await count("portal_attempts")).toBe(1);
    expect(rowsOf<{ key: string }>(await t.db.execute(sql`select key from idempotency_keys`)).map((r) => r.key)).toEqual(["new-key-000000000001"]);
  });
});
