import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { listAuditEvents, auditFilterOptions } from "@/audit/queries";
import { rosterFilterOptions } from "@/clients/queries";
import { listRoster } from "@/clients/roster";
import { onQuery, rowsOf } from "@/db/client";
import { seedLargeDataset } from "@/db/seed/large";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { listClientNotes } from "@/notes/queries";
import { listCaseload } from "@/outcomes/caseload";
import { clientTrends } from "@/outcomes/trends";
import { clearExpectedRecoveryCache } from "@/outcomes/expected-recovery/store";

// The pages' hot queries on a modest copy of the large data set (the same generator, 150 clients):
// each page runs a constant, small number of statements, and none of them may read a large table
// by a sequential scan. The plans are taken with enable_seqscan off, so a Seq Scan can only
// appear where no index can serve the query at all: a missing index, not a small table's whim.

const LARGE_TABLES = ["clients", "checkin_administrations", "exercise_entries", "session_notes", "audit_events", "assignments", "critical_alerts"];
const seqScan = new RegExp(`Seq Scan on (${LARGE_TABLES.join("|")})\\b`);

let t: TestDatabase;
const actors: Record<"counselor" | "director" | "admin", Actor> = {} as never;
let busiest: { id: string; timeZone: string };
const previousLog = process.env.ATTUNE_QUERY_LOG;

async function actorFor(email: string): Promise<Actor> {
  const [row] = rowsOf<Actor>(
    await t.db.execute(sql`select id as "userId", organisation_id as "organisationId", role, name, email from users where email = ${email}`),
  );
  return row!;
}

/** The statements `work` sends, with their parameters. */
async function capture(work: () => Promise<unknown>): Promise<{ text: string; params: readonly unknown[] }[]> {
  const seen: { text: string; params: readonly unknown[] }[] = [];
  const stop = onQuery((text, params) => seen.push({ text, params }));
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}

async function plan(text: string, params: readonly unknown[]): Promise<string> {
  const raw = t.raw;
  if (raw.driver === "pglite") {
    await raw.client.exec("set enable_seqscan = off");
    try {
      const result = await raw.client.query<Record<string, string>>(`explain (costs off) ${text}`, params as unknown[]);
      return result.rows.map((r) => Object.values(r)[0]).join("\n");
    } finally {
      await raw.client.exec("reset enable_seqscan");
    }
  }
  return raw.sql.begin(async (tx) => {
    await tx.unsafe("set local enable_seqscan = off");
    const rows = await tx.unsafe(`explain (costs off) ${text}`, params as never[]);
    return rows.map((r) => Object.values(r)[0]).join("\n");
  });
}

const now = new Date();
const pages: Array<[string, number, () => Promise<unknown>]> = [
  ["caseload", 3, () => listCaseload(t.db, actors.counselor, now)],
  ["client trends (busiest client, all time)", 4, () => clientTrends(t.db, actors.counselor, busiest, "all", now)],
  ["roster by name, first page", 2, () => listRoster(t.db, actors.director, { sort: { id: "name", desc: false }, filters: {}, pageSize: 25, cursor: {} })],
  ["roster by start date, filtered", 2, () => listRoster(t.db, actors.director, { sort: { id: "startDate", desc: true }, filters: { status: "active", focus: "trauma" }, pageSize: 25, cursor: {} })],
  ["roster filter options, director", 1, () => rosterFilterOptions(t.db, actors.director)],
  ["roster filter options, counselor", 1, () => rosterFilterOptions(t.db, actors.counselor)],
  ["notes list", 1, () => listClientNotes(t.db, actors.counselor, busiest.id, {}, 25, 25)],
  ["audit log and its filters", 2, () => Promise.all([listAuditEvents(t.db, actors.admin, { sort: { id: "occurredAt", desc: true }, filters: {}, pageSize: 50, cursor: {} }), auditFilterOptions(t.db, actors.admin)])],
];

beforeAll(async () => {
  process.env.ATTUNE_QUERY_LOG = "1";
  t = await createTestDatabase();
  const seeded = await seedLargeDataset(t, { seed: 7, clients: 150, counselors: 6, auditPerClient: 20, secondOrgClients: 10 });
  actors.counselor = await actorFor(seeded.busiestCounselorEmail);
  actors.director = await actorFor(seeded.directorEmail);
  actors.admin = await actorFor(seeded.adminEmail);
  busiest = { id: seeded.busiestClientId, timeZone: "America/New_York" };
  // Warm the caches the pages keep (instrument files, the organisation's RCI parameters). The first
  // read of an expected recovery curve starts its fit in the background; wait for it and read again,
  // so that no fit's statements fall into a later page's count.
  for (const [, , work] of pages) await work();
  await clearExpectedRecoveryCache();
  for (const [, , work] of pages) await work();
}, 180_000);

afterAll(async () => {
  if (previousLog === undefined) delete process.env.ATTUNE_QUERY_LOG;
  else process.env.ATTUNE_QUERY_LOG = previousLog;
  await t?.close();
});

describe("hot queries on the large data set (small scale)", () => {
  it("the generator produced what the benchmark relies on", async () => {
    const [row] = rowsOf<{ busiest: number; orgs: number }>(
      await t.db.execute(sql`select (select count(*)::int from checkin_administrations where client_id = ${busiest.id}) as busiest, (select count(*)::int from organisations) as orgs`),
    );
    expect(Number(row!.busiest)).toBeGreaterThan(500);
    expect(Number(row!.orgs)).toBe(2);
  });

  for (const [name, most, work] of pages) {
    it(`${name}: at most ${most} queries, none a sequential scan of a large table`, async () => {
      const statements = await capture(work);
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.length, statements.map((s) => s.text.slice(0, 160)).join("\n---\n")).toBeLessThanOrEqual(most);
      for (const s of statements) {
        const text = await plan(s.text, s.params);
        expect(text, `${s.text}\n\n${text}`).not.toMatch(seqScan);
      }
    });
  }
});
