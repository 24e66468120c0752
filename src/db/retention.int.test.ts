import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, limiterEvents } from "@/db/schema";
import { createOrganisation } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { rowsOf } from "./client";
import { RETENTION_CRON, RETENTION_QUEUE } from "@/messaging/queue";
import { startWorker } from "@/messaging/worker";
import { pruneAllExpired, pruneExpiredRows } from "./retention";

let t: TestDatabase;
let orgId: string;
const now = new Date("2027-05-10T12:00:00Z");
const daysAgo = (days: number, minutes = 0) => new Date(now.getTime() - days * 86_400_000 - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Retention org");
});
afterAll(async () => t?.close());

describe("pruning the limiter ledger and idempotency keys", () => {
  it("deletes only rows past their retention, at most a batch of each table per run", async () => {
    // Limiter events are kept 2 days, idempotency keys 7.
    await t.db.insert(limiterEvents).values([
      ...Array.from({ length: 5 }, (_, i) => ({ kind: "sign-in", key: "old@test.example", ip: "198.51.100.1", outcome: "failure", at: daysAgo(3, i) })),
      { kind: "sign-in", key: "recent@test.example", ip: "198.51.100.1", outcome: "failure", at: daysAgo(1) },
      { kind: "sign-in", key: "edge@test.example", ip: "198.51.100.1", outcome: "success", at: daysAgo(2, -1) },
      { kind: "link-guess", ip: "198.51.100.2", at: daysAgo(2, 1) },
      { kind: "export", key: "some-user", at: daysAgo(0, 5) },
    ]);
    await t.db.insert(idempotencyKeys).values([
      { organisationId: orgId, key: "old-key-000000000001", action: "client.create", createdAt: daysAgo(8) },
      { organisationId: orgId, key: "new-key-000000000001", action: "client.create", createdAt: daysAgo(6) },
    ]);

    expect(await pruneExpiredRows(t.db, now, 4)).toEqual({ limiterEvents: 4, idempotencyKeys: 1 });
    expect(await pruneExpiredRows(t.db, now, 4)).toEqual({ limiterEvents: 2, idempotencyKeys: 0 });
    expect(await pruneExpiredRows(t.db, now, 4)).toEqual({ limiterEvents: 0, idempotencyKeys: 0 });

    const left = rowsOf<{ kind: string; key: string }>(await t.db.execute(sql`select kind, key from limiter_events order by kind, key`));
    expect(left).toEqual([
      { kind: "export", key: "some-user" },
      { kind: "sign-in", key: "edge@test.example" },
      { kind: "sign-in", key: "recent@test.example" },
    ]);
    expect(rowsOf<{ key: string }>(await t.db.execute(sql`select key from idempotency_keys`)).map((r) => r.key)).toEqual(["new-key-000000000001"]);
  });

  it("the scheduled run goes on batch after batch until nothing old is left", async () => {
    await t.db.insert(limiterEvents).values(Array.from({ length: 25 }, (_, i) => ({ kind: "link-guess", ip: "198.51.100.9", at: daysAgo(5, i) })));
    expect(await pruneAllExpired(t.db, now, 100, 10)).toEqual({ limiterEvents: 25, idempotencyKeys: 0 });
    expect(await pruneAllExpired(t.db, now, 2, 10)).toEqual({ limiterEvents: 0, idempotencyKeys: 0 });
    await t.db.insert(limiterEvents).values(Array.from({ length: 25 }, (_, i) => ({ kind: "link-guess", ip: "198.51.100.9", at: daysAgo(5, i) })));
    // Bounded: two batches of ten, and the rest waits for the next run.
    expect(await pruneAllExpired(t.db, now, 2, 10)).toEqual({ limiterEvents: 20, idempotencyKeys: 0 });
  });

  it("runs as the worker's hourly job on the queue, scheduled once", async () => {
    const worker = await startWorker(t, { env: { NODE_ENV: "test" }, databaseUrl: t.url, pollingIntervalSeconds: 0.5, log: () => {} });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules.filter((s) => s.name === RETENTION_QUEUE).map((s) => s.cron)).toEqual([RETENTION_CRON]);
      await t.db.insert(limiterEvents).values(Array.from({ length: 3 }, (_, i) => ({ kind: "export", key: "job-test", at: new Date(Date.now() - 3 * 86_400_000 - i * 1000) })));
      await t.db.insert(limiterEvents).values({ kind: "export", key: "job-test" });
      await worker.boss.send(RETENTION_QUEUE, {});
      const left = async () => rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from limiter_events where key = 'job-test'`))[0]!.n;
      const until = Date.now() + 20_000;
      while ((await left()) !== 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(await left()).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});

