import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type Db } from "@/db/client";
import { readFileSync } from "node:fs";
import { migrateDatabase, migrateToLevel, migrationsFolder } from "@/db/migrate";
import { auditEvents } from "@/db/schema";
import { createTestDatabase, rejection, type TestDatabase } from "@/lib/testing/db";
import { recordAudit } from "./record";
import { GENESIS_HASH, verifyAuditChain } from "./verify";

let t: TestDatabase;
const driver = process.env.ATTUNE_TEST_DRIVER ?? "pglite";
const root = path.resolve(import.meta.dirname, "..", "..");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

/** Raw SQL, not the schema's insert: it also runs on a database migrated only part of the way. */
async function newOrg(db: Db, name: string): Promise<string> {
  return rowsOf<{ id: string }>(await db.execute(sql`insert into organisations (name) values (${name}) returning id`))[0]!.id;
}

async function writeEvents(db: Db, organisationId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await recordAudit(db, { organisationId, actorKind: "system", action: "test.chain", entityId: String(i), detail: { i, note: `event ${i}` } });
  }
}

/** Alters a stored event behind the append-only trigger's back, as a superuser could. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
  });
}

describe(`the audit log's hash chain (${driver})`, () => {
  it("links each organisation's events in order, from a genesis hash, and verifies", async () => {
    const a = await newOrg(t.db, "Chain A");
    const b = await newOrg(t.db, "Chain B");
    await writeEvents(t.db, a, 3);
    await writeEvents(t.db, b, 2);
    await writeEvents(t.db, a, 1);
    const rows = await t.db
      .select({ seq: auditEvents.chainSeq, prev: auditEvents.prevHash, hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, a))
      .orderBy(asc(auditEvents.chainSeq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(4);

    const report = await verifyAuditChain(t.db, { organisationId: a });
    expect(report).toMatchObject({ organisations: 1, events: 4, breaks: [] });
    expect(report.heads).toEqual([{ organisationId: a, chainSeq: 4, hash: rows[3]!.hash }]);
    expect((await verifyAuditChain(t.db, { organisationId: b })).events).toBe(2);
  });

  it("never forks under 20 concurrent writers", async () => {
    const org = await newOrg(t.db, "Concurrent chain");
    // On PostgreSQL, 20 connections of their own, each in a transaction that holds on a while
    // after its insert, so the writers really overlap. PGlite has one connection and queues them.
    const handle = driver === "postgres" ? openDatabase({ url: databaseUrl(), max: 20 }) : null;
    const db = handle?.db ?? t.db;
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction(async (tx) => {
            await recordAudit(tx, { organisationId: org, actorKind: "system", action: "test.concurrent", entityId: String(i) });
            await tx.execute(sql`select pg_sleep(0.02)`);
            await recordAudit(tx, { organisationId: org, actorKind: "system", action: "test.concurrent", entityId: `${i}b` });
          }),
        ),
      );
    } finally {
      await handle?.close();
    }
    const report = await verifyAuditChain(t.db, { organisationId: org });
    expect(report).toMatchObject({ events: 40, breaks: [] });
    expect(report.heads[0]!.chainSeq).toBe(40);
  });

  it("reports an altered event, and only the first break of its chain", async () => {
    const org = await newOrg(t.db, "Tampered chain");
    await writeEvents(t.db, org, 5);
    const [third] = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`${auditEvents.organisationId} = ${org} and ${auditEvents.chainSeq} = 3`);
    await tamper(t.db, sql`update audit_events set detail = '{"i": 2, "note": "nothing to see"}' where id = ${third!.id}`);
    const report = await verifyAuditChain(t.db, { organisationId: org });
    expect(report.breaks).toEqual([expect.objectContaining({ organisationId: org, eventId: third!.id, chainSeq: 3, problem: "altered" })]);
  });

  it("reports a removed event as a gap, and a re-hashed one as a broken link", async () => {
    const org = await newOrg(t.db, "Gapped chain");
    await writeEvents(t.db, org, 4);
    await tamper(t.db, sql`delete from audit_events where organisation_id = ${org} and chain_seq = 2`);
    expect((await verifyAuditChain(t.db, { organisationId: org })).breaks).toEqual([expect.objectContaining({ chainSeq: 3, problem: "gap" })]);

    const other = await newOrg(t.db, "Rehashed chain");
    await writeEvents(t.db, other, 3);
    // A forger recomputes the altered event's own hash; the next event still names the old one.
    await tamper(t.db, sql`update audit_events set action = 'test.forged' where organisation_id = ${other} and chain_seq = 2`);
    await tamper(
      t.db,
      sql`update audit_events e set hash = attune_audit_hash(e.prev_hash, e) where organisation_id = ${other} and chain_seq = 2`,
    );
    const report = await verifyAuditChain(t.db, { organisationId: other });
    expect(report.breaks).toEqual([expect.objectContaining({ chainSeq: 3, problem: "wrong_previous" })]);
  });

  it("refuses an inserted event that claims chain values it does not have", async () => {
    const org = await newOrg(t.db, "Restore chain");
    await writeEvents(t.db, org, 1);
    const refused = await rejection(
      t.db.execute(sql`insert into audit_events (organisation_id, actor_kind, action, chain_seq, prev_hash, hash)
                        values (${org}, 'system', 'test.forged', 2, ${GENESIS_HASH}, ${"f".repeat(64)})`),
    );
    expect(refused).toMatch(/does not follow the previous event/);
    const wrongPlace = await rejection(
      t.db.execute(sql`insert into audit_events (organisation_id, actor_kind, action, chain_seq) values (${org}, 'system', 'test.forged', 7)`),
    );
    expect(wrongPlace).toMatch(/claims place 7/);
  });

  // Two runs of the command (each opens the database afresh): allow for a busy machine.
  it("chains the events written before the migration that added the chain (the backfill)", { timeout: 120_000 }, async () => {
    // An in-memory database for this one: PGlite on either test run.
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
    const before = journal.entries.find((e) => e.tag.endsWith("_two_factor_and_audit_chain"))!;
    const old = openDatabase({ dataDir: "memory://" });
    try {
      await migrateToLevel(old, before.when);
      const a = await newOrg(old.db, "Old A");
      const b = await newOrg(old.db, "Old B");
      for (let i = 0; i < 6; i++) {
        await old.db.execute(sql`insert into audit_events (organisation_id, actor_kind, action, detail) values (${i % 2 ? b : a}, 'system', ${`old.${i}`}, ${JSON.stringify({ i })}::jsonb)`);
      }
      await migrateDatabase(old);
      const report = await verifyAuditChain(old.db);
      expect(report).toMatchObject({ organisations: 2, events: 6, breaks: [] });
      await recordAudit(old.db, { organisationId: a, actorKind: "system", action: "new.after_backfill" });
      expect((await verifyAuditChain(old.db, { organisationId: a })).heads[0]).toMatchObject({ chainSeq: 4 });
    } finally {
      await old.close();
    }
  });

  it("npm run audit:verify exits 0 on a sound log and 1, naming the event, on a tampered one", { timeout: 120_000 }, async () => {
    // A database of its own (the others here hold tampered chains on purpose): a PGlite
    // directory the command can open, or a second PostgreSQL database.
    const dir = mkdtempSync(path.join(os.tmpdir(), "attune-verify-"));
    const env: NodeJS.ProcessEnv = { ...process.env, ATTUNE_DATA_DIR: path.join(dir, "pglite") };
    delete env.DATABASE_URL;
    const own = driver === "postgres" ? await createTestDatabase() : null;
    if (own) env.DATABASE_URL = databaseUrl(own.name);
    const open = async () => {
      if (own) return { db: own.db, close: async () => {} };
      const handle = openDatabase({ dataDir: env.ATTUNE_DATA_DIR });
      await migrateDatabase(handle);
      return handle;
    };
    const run = () => spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/audit-verify.ts"], { cwd: root, env, encoding: "utf8" });
    try {
      let handle = await open();
      const org = await newOrg(handle.db, "CLI chain");
      await writeEvents(handle.db, org, 3);
      await handle.close();
      const sound = run();
      expect(sound.status, sound.stderr).toBe(0);
      expect(sound.stdout).toContain("3 events in 1 organisation chain(s)");
      expect(sound.stdout).toContain("Every chain holds.");

      handle = await open();
      const [row] = rowsOf<{ id: number | string }>(await handle.db.execute(sql`select id from audit_events where organisation_id = ${org} and chain_seq = 2`));
      await tamper(handle.db, sql`update audit_events set ip = '203.0.113.66' where id = ${row!.id}`);
      await handle.close();
      const broken = run();
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain(`event ${row!.id} (place 2 in its chain)`);
    } finally {
      await own?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function databaseUrl(name = t.name): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
