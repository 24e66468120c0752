import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, clients } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { commitImport, commitImportSpec, previewImport, previewImportSpec } from "./import";
import { createClient, createClientSpec, updateClient, updateClientSpec } from "./mutations";

let t: TestDatabase;
let counselor: Actor;


beforeAll(async () => {
  t = await createTestDatabase();
  const org = await createOrganisation(t.db, "Mutation org");
  counselor = await createUser(t.db, org, { email: "ines@clinic.example" });
  await createUser(t.db, org, { email: "theo@clinic.example" });
});
afterAll(async () => t?.close());

const baseInput = (recordNumber: string) => ({
  name: "Ada Client",
  recordNumber,
  recoveryFocus: "both",
  status: "active",
  primaryCounselorId: counselor.userId,
  startDate: "2026-02-01",
  timeZone: "Europe/London",
  tags: "Evening group, evening group ,  veteran",
});

describe(`client mutations (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("creates a client with normalised tags and refuses a duplicate record number next to the field", async () => {
    const first = await executeAction(t.db, counselor, createClientSpec, createClient, baseInput("R-1"), testMeta);
    expect(first.kind).toBe("ok");
    const [row] = await t.db.select().from(clients).where(eq(clients.recordNumber, "R-1"));
    expect(row?.tags).toEqual(["evening group", "veteran"]);
    const dup = await executeAction(t.db, counselor, createClientSpec, createClient, baseInput("R-1"), testMeta);
    expect(dup).toMatchObject({ kind: "refused", fieldErrors: { recordNumber: [expect.stringContaining("already has this record number")] } });
  });

  it("reports every bad field at once and writes nothing", async () => {
    const before = await t.db.select({ n: count() }).from(clients);
    const outcome = await executeAction(
      t.db,
      counselor,
      createClientSpec,
      createClient,
      { ...baseInput("bad number!"), name: " ", dateOfBirth: "2999-01-01", timeZone: "Mars/Olympus", recoveryFocus: "gambling" },
      testMeta,
    );
    expect(outcome.kind).toBe("invalid");
    if (outcome.kind !== "invalid") return;
    expect(Object.keys(outcome.fieldErrors).sort()).toEqual(["dateOfBirth", "name", "recordNumber", "recoveryFocus", "timeZone"]);
    expect(await t.db.select({ n: count() }).from(clients)).toEqual(before);
  });

  it("refuses the second of two edits made from the same version", async () => {
    const created = await executeAction(t.db, counselor, createClientSpec, createClient, baseInput("R-2"), testMeta);
    if (created.kind !== "ok") throw new Error("setup failed");
    const id = created.result.id;
    const edit = (name: string) => ({ ...baseInput("R-2"), clientId: id, version: "1", name });
    const first = await executeAction(t.db, counselor, updateClientSpec, updateClient, edit("First Editor"), testMeta);
    const second = await executeAction(t.db, counselor, updateClientSpec, updateClient, edit("Second Editor"), testMeta);
    expect(first.kind).toBe("ok");
    expect(second).toMatchObject({ kind: "refused", code: "conflict" });
    const [row] = await t.db.select({ name: clients.name, version: clients.version }).from(clients).where(eq(clients.id, id));
    expect(row).toEqual({ name: "First Editor", version: 2 });
  });

  it("gives one winner when two edits race", async () => {
    const created = await executeAction(t.db, counselor, createClientSpec, createClient, baseInput("R-3"), testMeta);
    if (created.kind !== "ok") throw new Error("setup failed");
    const edit = (name: string) => ({ ...baseInput("R-3"), clientId: created.result.id, version: "1", name });
    const outcomes = await Promise.all(["A", "B", "C", "D"].map((n) => executeAction(t.db, counselor, updateClientSpec, updateClient, edit(n), testMeta)));
    expect(outcomes.filter((o) => o.kind === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "refused")).toHaveLength(3);
  });
});

describe(`CSV import (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  const header = "name,record_number,recovery_focus,status,primary_counselor_email,care_team_emails,tags,start_date,time_zone\n";

  it("previews every row's problems and writes no client", async () => {
    const csv =
      header +
      `Good One,IMP-1,Substance use,Active,ines@clinic.example,theo@clinic.example,"a;b",2026-03-01,America/Chicago\n` +
      `No Focus,IMP-2,,Active,ines@clinic.example,,,2026-03-01,\n` +
      `Dup Number,IMP-1,trauma,intake,ines@clinic.example,,,2026-03-01,\n` +
      `Stranger,IMP-3,trauma,intake,nobody@clinic.example,,,2026-03-01,\n` +
      `Not Mine,IMP-4,trauma,intake,theo@clinic.example,,,2026-03-01,\n`;
    const before = await t.db.select({ n: count() }).from(clients);
    const outcome = await executeAction(t.db, counselor, previewImportSpec, previewImport, { csv }, testMeta);
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const byLine = Object.fromEntries(outcome.result.rows.map((r) => [r.line, r.errors.join(" ")]));
    expect(byLine[2]).toBe("");
    expect(byLine[3]).toMatch(/recovery_focus/);
    expect(byLine[4]).toMatch(/also on line 2/);
    expect(byLine[5]).toMatch(/no active counselor "nobody@clinic.example"/);
    expect(byLine[6]).toMatch(/only your own clients/);
    expect(outcome.result).toMatchObject({ valid: 1, invalid: 4 });
    expect(await t.db.select({ n: count() }).from(clients)).toEqual(before);
  });

  it("imports all rows or none", async () => {
    const before = await t.db.select({ n: count() }).from(clients);
    const bad = header + `Fine,IMP-10,trauma,active,ines@clinic.example,,,2026-03-01,\nBroken,IMP-11,trauma,active,ines@clinic.example,,,not-a-date,\n`;
    const refused = await executeAction(t.db, counselor, commitImportSpec, commitImport, { csv: bad }, testMeta);
    expect(refused).toMatchObject({ kind: "refused", message: expect.stringContaining("Nothing was imported") });
    expect(await t.db.select({ n: count() }).from(clients)).toEqual(before);

    const good = header + `Fine,IMP-10,trauma,active,ines@clinic.example,theo@clinic.example,,2026-03-01,\nAlso Fine,IMP-11,both,intake,ines@clinic.example,,,2026-03-02,\n`;
    const done = await executeAction(t.db, counselor, commitImportSpec, commitImport, { csv: good }, testMeta);
    expect(done).toMatchObject({ kind: "ok", result: { created: 2 } });
    const [after] = await t.db.select({ n: count() }).from(clients);
    expect(after!.n).toBe(before[0]!.n + 2);
    const events = await t.db.select({ action: auditEvents.action, clientId: auditEvents.clientId }).from(auditEvents).where(eq(auditEvents.actorUserId, counselor.userId));
    expect(events.filter((e) => e.action === "client.create" && e.clientId)).toHaveLength(2 + 3);
    expect(events.some((e) => e.action === "client.import")).toBe(true);
  });
});
