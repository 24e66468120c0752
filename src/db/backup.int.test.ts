import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/audit/verify";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { backupDatabase, readBackup, restoreRows, tableSummaries, RestoreRefused } from "./backup";
import { openDatabase, rowsOf, type DatabaseHandle } from "./client";
import { restoreDatabase } from "./restore";
import { auditEvents, sessionNotes, users } from "./schema";
import { seedDemo } from "./seed/demo";

const driver = process.env.ATTUNE_TEST_DRIVER ?? "pglite";
const dir = mkdtempSync(path.join(os.tmpdir(), "attune-backup-"));
const file = path.join(dir, "backup.jsonl.gz");
let source: TestDatabase;
let target: TestDatabase | DatabaseHandle | undefined;

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemo(source.db, { password: "a demo password for backups" });
  // A person with two-factor on: the sealed secret and the hashed codes must come back too.
  await source.db.update(users).set({ totpSecret: "v1.aaaa.bbbb.cccc", totpEnabledAt: new Date("2030-01-02T03:04:05.678Z"), totpLastStep: 123456 }).where(eq(users.email, "counselor@attune.demo"));
}, 180_000);
afterAll(async () => {
  await target?.close();
  await source?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${driver})`, () => {
  it("restores a seeded demo into an empty database with every row: the same count and checksum per table", { timeout: 120_000 }, async () => {
    const header = await backupDatabase(source.db, file);
    const tables = Object.fromEntries(header.tables.map((t) => [t.name, t]));
    expect(tables.audit_events!.rows).toBeGreaterThan(0);
    expect(tables.session_notes!.rows).toBeGreaterThan(0);
    expect(tables.note_family_attendees!.rows).toBeGreaterThan(0);
    expect(header.migrations.count).toBeGreaterThan(10);
    // Parents before children.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf("organisations")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("session_notes")).toBeLessThan(order.indexOf("note_family_attendees"));

    // PGlite: a brand-new database the restore migrates itself. PostgreSQL: a new, migrated one.
    target = driver === "postgres" ? await createTestDatabase() : openDatabase({ dataDir: "memory://" });
    await restoreDatabase(target, file);

    const before = await tableSummaries(source.db);
    const after = await tableSummaries(target.db);
    expect(after).toEqual(before);
    expect(after.reduce((n, t) => n + t.rows, 0)).toBeGreaterThan(1000);

    // Signed notes stay signed and locked, the audit chain verifies, and new rows get new ids.
    const signed = rowsOf<{ n: number | string }>(await target.db.execute(sql`select count(*) as n from session_notes where status = 'signed'`));
    expect(Number(signed[0]!.n)).toBeGreaterThan(0);
    const [note] = await target.db.select({ id: sessionNotes.id }).from(sessionNotes).where(eq(sessionNotes.status, "signed")).limit(1);
    await expect(target.db.update(sessionNotes).set({ data: "changed" }).where(eq(sessionNotes.id, note!.id))).rejects.toThrow();
    expect((await verifyAuditChain(target.db)).breaks).toEqual([]);
    const [org] = await target.db.select({ id: users.organisationId }).from(users).limit(1);
    const [next] = await target.db
      .insert(auditEvents)
      .values({ organisationId: org!.id, actorKind: "system", action: "test.after_restore" })
      .returning({ id: auditEvents.id });
    expect(next!.id).toBeGreaterThan(tables.audit_events!.rows);
  });

  it("refuses a database that already holds data, changing nothing", async () => {
    const { header, rows } = await readBackup(file);
    await expect(restoreRows(source.db, header, rows)).rejects.toThrow(RestoreRefused);
    expect(await tableSummaries(source.db)).toEqual(header.tables);
  });
});
