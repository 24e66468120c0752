import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { decodeCursor } from "@/components/data-table/table-state";
import { auditEvents, clients } from "@/db/schema";
import { parseCsv } from "@/lib/csv";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { auditTable } from "./audit-table";
import { auditCsvLines, auditFilterOptions, auditPeople, exportAuditCsv, listAuditEvents, type AuditQuery } from "./queries";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let counselor: Actor;
let otherAdmin: Actor;
let clientId: string;
const base = Date.parse("2026-03-10T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Audit org");
  admin = await createUser(t.db, orgId, { role: "admin", name: "Ada Admin" });
  counselor = await createUser(t.db, orgId, { role: "counselor", name: "=HYPERLINK(\"http://evil.example\",\"x\")" });
  const otherOrg = await createOrganisation(t.db, "Other audit org");
  otherAdmin = await createUser(t.db, otherOrg, { role: "admin" });
  const [client] = await t.db
    .insert(clients)
    .values({ organisationId: orgId, name: "Private Name", recordNumber: "AUD-0042", recoveryFocus: "both", primaryCounselorId: counselor.userId, startDate: "2026-01-01" })
    .returning({ id: clients.id });
  clientId = client!.id;

  // 60 events over six days, three at each instant (ties must be broken by id), then others.
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  for (let i = 0; i < 60; i++) {
    const at = new Date(base - Math.floor(i / 3) * 7 * 3_600_000);
    rows.push({
      organisationId: orgId,
      occurredAt: at,
      actorKind: "user",
      actorUserId: i % 2 === 0 ? counselor.userId : admin.userId,
      action: i % 4 === 0 ? "client.view" : "auth.sign_in",
      entityType: i % 4 === 0 ? "client" : "user",
      entityId: i % 4 === 0 ? clientId : i % 2 === 0 ? counselor.userId : admin.userId,
      clientId: i % 4 === 0 ? clientId : null,
      ip: "192.0.2.1",
      userAgent: i === 0 ? "=cmd|' /C calc'!A0" : "Mozilla/5.0",
    });
  }
  rows.push({ organisationId: otherOrg, occurredAt: new Date(base), actorKind: "user", actorUserId: otherAdmin.userId, action: "auth.secret_other_org" });
  await t.db.insert(auditEvents).values(rows);
});
afterAll(async () => t?.close());

function query(overrides: Partial<AuditQuery> = {}): AuditQuery {
  return { sort: { id: "occurredAt", desc: true }, filters: {}, pageSize: 25, cursor: {}, ...overrides };
}

describe(`the audit log (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("lists the organisation's events newest first, ties by id, and nothing of another organisation", async () => {
    const page = await listAuditEvents(t.db, admin, query({ pageSize: 100 }));
    expect(page.rows).toHaveLength(60);
    for (let i = 1; i < page.rows.length; i++) {
      const [a, b] = [page.rows[i - 1]!, page.rows[i]!];
      expect(a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id)).toBe(true);
    }
    expect(page.rows.some((r) => r.action === "auth.secret_other_org")).toBe(false);
    expect(page.page).toMatchObject({ from: 1, to: 60, nextCursor: null, prevCursor: null });
  });

  it("shows a client by record number and a user by name, never the client's name", async () => {
    const page = await listAuditEvents(t.db, admin, query({ filters: { action: "client.view" }, pageSize: 25 }));
    expect(page.rows[0]).toMatchObject({ clientRecordNumber: "AUD-0042", actorName: counselor.name });
    expect(JSON.stringify(page.rows)).not.toContain("Private Name");
    const signIns = await listAuditEvents(t.db, admin, query({ filters: { action: "auth.sign_in", user: admin.userId } }));
    expect(signIns.rows[0]).toMatchObject({ entityName: "Ada Admin", actorName: "Ada Admin" });
  });

  it("pages forward and back with keyset cursors, covering every row once", async () => {
    const seen: number[] = [];
    const pages = [];
    let cursor: AuditQuery["cursor"] = {};
    for (;;) {
      const page = await listAuditEvents(t.db, admin, query({ pageSize: 25, cursor }));
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.page.nextCursor) break;
      cursor = { after: decodeCursor(page.page.nextCursor)! };
    }
    expect(pages.map((p) => [p.page.from, p.page.to])).toEqual([
      [1, 25],
      [26, 50],
      [51, 60],
    ]);
    expect(new Set(seen).size).toBe(60);
    const all = await listAuditEvents(t.db, admin, query({ pageSize: 100 }));
    expect(seen).toEqual(all.rows.map((r) => r.id));

    const back = await listAuditEvents(t.db, admin, query({ pageSize: 25, cursor: { before: decodeCursor(pages[2]!.page.prevCursor!)! } }));
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    expect(back.page).toMatchObject({ from: 26, to: 50 });
    const first = await listAuditEvents(t.db, admin, query({ pageSize: 25, cursor: { before: decodeCursor(back.page.prevCursor!)! } }));
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]!.rows.map((r) => r.id));
    expect(first.page).toMatchObject({ from: 1, prevCursor: null });
  });

  it("sorts oldest first when asked", async () => {
    const page = await listAuditEvents(t.db, admin, query({ sort: { id: "occurredAt", desc: false }, pageSize: 25 }));
    const all = await listAuditEvents(t.db, admin, query({ pageSize: 100 }));
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id).reverse().slice(0, 25));
  });

  it("ignores a cursor that was tampered with rather than failing", async () => {
    for (const after of [["2026-02-31 10:00:00+00", 5, 1], ["yesterday", 5, 1], ["2026-03-01 10:00:00+00", "5", 1], ["2026-03-01 10:00:00+00", 5]]) {
      const page = await listAuditEvents(t.db, admin, query({ cursor: { after } }));
      expect(page.page.from).toBe(1);
    }
  });

  it("filters by user, action, client (id or record number) and a day range that includes its last day", async () => {
    const byUser = await listAuditEvents(t.db, admin, query({ filters: { user: counselor.userId }, pageSize: 100 }));
    expect(byUser.rows).toHaveLength(30);
    expect(byUser.rows.every((r) => r.actorUserId === counselor.userId)).toBe(true);

    const byAction = await listAuditEvents(t.db, admin, query({ filters: { action: "client.view" }, pageSize: 100 }));
    expect(byAction.rows).toHaveLength(15);
    for (const client of [clientId, clientId.toUpperCase(), "AUD-0042"]) {
      const byClient = await listAuditEvents(t.db, admin, query({ filters: { client }, pageSize: 100 }));
      expect(byClient.rows.map((r) => r.id)).toEqual(byAction.rows.map((r) => r.id));
    }
    expect((await listAuditEvents(t.db, admin, query({ filters: { client: "AUD-9999" } }))).rows).toHaveLength(0);

    // Events fall at 12:00, 05:00 and 22:00 (the day before) UTC, and so on back.
    const day = await listAuditEvents(t.db, admin, query({ filters: { from: "2026-03-09", to: "2026-03-09" }, pageSize: 100 }));
    expect(day.rows.length).toBeGreaterThan(0);
    expect(day.rows.every((r) => r.occurredAt.startsWith("2026-03-09"))).toBe(true);
    const upTo = await listAuditEvents(t.db, admin, query({ filters: { to: "2026-03-09" }, pageSize: 100 }));
    const onAndAfter = await listAuditEvents(t.db, admin, query({ filters: { from: "2026-03-10" }, pageSize: 100 }));
    expect(upTo.rows.length + onAndAfter.rows.length).toBe(60);
    const combined = await listAuditEvents(t.db, admin, query({ filters: { user: admin.userId, action: "auth.sign_in", from: "2026-03-08" }, pageSize: 100 }));
    expect(combined.rows.every((r) => r.actorUserId === admin.userId && r.action === "auth.sign_in" && r.occurredAt >= "2026-03-08")).toBe(true);
  });

  it("reads filters from the URL and drops invalid ones", () => {
    const state = auditTable.parse({ user: "nope", action: "client.view", from: "2026-02-31", to: "2026-03-01", client: " AUD-0042 " });
    expect(state.filters).toEqual({ action: "client.view", to: "2026-03-01", client: "AUD-0042" });
    expect(state.sort).toEqual({ id: "occurredAt", desc: true });
  });

  it("shows nothing to a counselor, and only its own organisation to another administrator", async () => {
    expect((await listAuditEvents(t.db, counselor, query())).rows).toHaveLength(0);
    const other = await listAuditEvents(t.db, otherAdmin, query({ pageSize: 100 }));
    expect(other.rows.map((r) => r.action)).toEqual(["auth.secret_other_org"]);
    expect((await listAuditEvents(t.db, otherAdmin, query({ filters: { client: clientId } }))).rows).toHaveLength(0);
  });

  it("offers the actions of the organisation, and its people on request, as filter choices", async () => {
    const options = await auditFilterOptions(t.db, admin);
    expect(options.actions).toEqual(["auth.sign_in", "client.view"]);
    expect(options.selectedUser).toBeNull();
    // The chosen person is read with the actions; someone of another organisation is not found.
    expect((await auditFilterOptions(t.db, admin, counselor.userId)).selectedUser).toMatchObject({ id: counselor.userId, status: "active" });
    expect((await auditFilterOptions(t.db, admin, otherAdmin.userId)).selectedUser).toBeNull();
    expect((await auditFilterOptions(t.db, admin, "not-a-uuid")).selectedUser).toBeNull();
    expect((await auditPeople(t.db, admin)).map((u) => u.id).sort()).toEqual([admin.userId, counselor.userId].sort());
    expect(await auditFilterOptions(t.db, counselor, admin.userId)).toEqual({ actions: [], selectedUser: null });
    expect(await auditPeople(t.db, counselor)).toEqual([]);
  });
});

describe(`the audit CSV export (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  async function exportedEvents(actor: Actor) {
    return t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "audit.export"), eq(auditEvents.actorUserId, actor.userId)));
  }

  it("answers 404 to anyone but an administrator and writes nothing", async () => {
    for (const actor of [null, counselor]) {
      const response = await exportAuditCsv(t.db, actor, new URLSearchParams(), testMeta);
      expect(response.status).toBe(404);
    }
    expect(await exportedEvents(counselor)).toHaveLength(0);
  });

  it("streams the filtered rows as CSV, escapes formulas, and records the export", async () => {
    const response = await exportAuditCsv(t.db, admin, new URLSearchParams({ action: "client.view" }), testMeta);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    const rows = parseCsv(text);
    expect(rows[0]!.slice(0, 2)).toEqual(["event_id", "occurred_at_utc"]);
    expect(rows).toHaveLength(16);
    expect(rows.slice(1).every((r) => r[5] === "client.view" && r[10] === "AUD-0042")).toBe(true);
    // A user agent or a name that a spreadsheet would run as a formula is neutralised.
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(rows.slice(1).every((r) => !/^[=+\-@]/.test(r[4]!) && !/^[=+\-@]/.test(r[12]!))).toBe(true);
    expect(text).not.toContain("Private Name");

    const [event] = await exportedEvents(admin);
    expect(event).toMatchObject({ organisationId: orgId, ip: testMeta.ip, detail: { format: "csv", action: "client.view", user: null, client: null, from: null, to: null } });
  });

  it("reads large exports in batches without losing or repeating rows", async () => {
    const lines: string[] = [];
    for await (const line of auditCsvLines(t.db, admin, { user: counselor.userId }, 7)) lines.push(line);
    expect(lines).toHaveLength(31);
    expect(new Set(lines).size).toBe(31);
  });
});
