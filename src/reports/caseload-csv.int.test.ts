import type { Actor } from "@/auth/actor";
import type { TestDatabase } from "@/lib/testing/db";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { parseCsv } from "@/lib/csv";
import { testMeta } from "@/lib/testing/fixtures";
import { caseloadCsvBatch, caseloadCsvLines, caseloadRowCount, CASELOAD_CSV_HEADER } from "./caseload-csv";
import { caseloadExportResponse } from "./exports";
import { rowsOf } from "@/db/client";
import { text, exportsFixture } from "./testing/exports-fixture";

// The team caseload CSV: a supervisor's clients, in batches.

const fixture = exportsFixture();
let t: TestDatabase;
let actors: Record<string, Actor>;
beforeAll(() => ({ t, actors } = fixture));

describe("the team caseload CSV", () => {
  it("is the supervisor's alone, one row per visible client, the same in any batch size", async () => {
    expect((await caseloadExportResponse(t.db, actors["counselor"]!, testMeta)).status).toBe(404);
    expect((await caseloadExportResponse(t.db, actors["admin"]!, testMeta)).status).toBe(404);
    const supervisor = actors["supervisor"]!;
    const response = await caseloadExportResponse(t.db, supervisor, testMeta);
    expect(response.status).toBe(200);
    const rows = parseCsv(await text(response));
    expect(rows[0]).toEqual(CASELOAD_CSV_HEADER);
    const expected = await caseloadRowCount(t.db, supervisor);
    expect(rows.length - 1).toBe(expected);
    expect(Number(response.headers.get("X-Row-Count"))).toBe(expected);
    const lines: string[] = [];
    for await (const line of caseloadCsvLines(t.db, supervisor, new Date(), 7)) lines.push(line);
    expect(parseCsv(lines.join(""))).toEqual(rows);
    const avery = rows.find((r) => r[1] === "RRC-1001")!;
    expect(avery[rows[0]!.indexOf("numbness_latest")]).toMatch(/^\d+(\.\d+)?$/);
    expect(avery[rows[0]!.indexOf("numbness_verdict")]).toMatch(/Improved|Recovered|No reliable change|Deteriorated/);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "report.export"), eq(auditEvents.entityType, "team")));
    expect(event).toMatchObject({ actorUserId: supervisor.userId, entityId: supervisor.userId, detail: { format: "caseload-csv", clients: expected } });
  });

  it("looks up scores for a batch's own clients only, however far into the file the batch is", async () => {
    // The plan of a later batch: every lookup on the check-ins runs once per client of the batch
    // at most. Joined to its page as a set, PostgreSQL once ran them for every client before the
    // page too, so the 40th batch of 500 cost forty times the first.
    const supervisor = actors["supervisor"]!;
    const batch = 3;
    const first = rowsOf<{ id: string }>(await t.db.execute(caseloadCsvBatch(supervisor, null, batch)));
    expect(first).toHaveLength(batch);
    const after = first.at(-1)!.id;
    expect(rowsOf(await t.db.execute(caseloadCsvBatch(supervisor, after, batch)))).toHaveLength(batch);
    const [plan] = rowsOf<{ "QUERY PLAN": unknown }>(await t.db.execute(sql`explain (analyze, format json) ${caseloadCsvBatch(supervisor, after, batch)}`));
    const raw = plan!["QUERY PLAN"];
    const root = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    type PlanNode = { "Relation Name"?: string; "Actual Loops": number; Plans?: PlanNode[] };
    const loops: number[] = [];
    const walk = (node: PlanNode) => {
      if (node["Relation Name"] === "checkin_administrations") loops.push(node["Actual Loops"]);
      node.Plans?.forEach(walk);
    };
    walk(root[0]!.Plan);
    expect(loops.length).toBeGreaterThanOrEqual(7);
    expect(Math.max(...loops)).toBeLessThanOrEqual(batch);
  });
});
