import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { assignmentPauses, assignments, auditEvents, clients, customExercises, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { addCustomExercise, addCustomExerciseSpec, listLibrary } from "@/exercises/library";
import { executeAction } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import { changeAssignment, changeAssignmentSpec, createAssignment, createAssignmentSpec, markEntryRead } from "./mutations";
import { getEntry, listEntries, listEntriesPage } from "./queries";

let t: TestDatabase;
const actors: Record<string, Actor> = {};
let clientId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const [c] = await t.db.select({ id: clients.id }).from(clients).where(eq(clients.recordNumber, "RRC-1002"));
  clientId = c!.id;
});
afterAll(async () => t?.close());

const assign = (actor: Actor, over: Record<string, unknown> = {}) =>
  executeAction(t.db, actor, createAssignmentSpec, createAssignment, { clientId, assignee: "client", exerciseId: "body-scan", cadence: "weekly", startDate: "2026-06-01", ...over }, testMeta);

describe(`assignments (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("assigns a library exercise and refuses unknown exercises, wrong audiences and bad cadences next to the field", async () => {
    expect((await assign(actors.counselor!)).kind).toBe("ok");
    expect(await assign(actors.counselor!, { exerciseId: "no-such-exercise" })).toMatchObject({ kind: "refused", fieldErrors: { exerciseId: expect.any(Array) } });
    expect(await assign(actors.counselor!, { exerciseId: "detachment-with-love" })).toMatchObject({ kind: "refused", fieldErrors: { assignee: expect.any(Array) } });
    expect(await assign(actors.counselor!, { cadence: "weekdays" })).toMatchObject({ kind: "invalid", fieldErrors: { weekdays: expect.any(Array) } });
    expect(await assign(actors.counselor!, { endDate: "2026-05-01" })).toMatchObject({ kind: "invalid", fieldErrors: { endDate: expect.any(Array) } });
    for (const who of ["counselor3", "admin", "other-org"]) expect(await assign(actors[who]!)).toEqual({ kind: "not_found" });
  });

  it("asks for confirmation before assigning an exercise already active for the same person, and the server refuses without it", async () => {
    // The demo may already have one: end it, so this test starts from none active.
    await t.db.update(assignments).set({ status: "ended", endedOn: "2026-05-01" }).where(sql`${assignments.clientId} = ${clientId} and ${assignments.exerciseId} = 'thought-record'`);
    const before = Number((await t.db.select({ n: count() }).from(assignments).where(sql`${assignments.clientId} = ${clientId} and ${assignments.exerciseId} = 'thought-record'`))[0]!.n);
    const first = await assign(actors.counselor!, { exerciseId: "thought-record" });
    expect(first.kind).toBe("ok");
    const again = await assign(actors.counselor!, { exerciseId: "thought-record", startDate: "2026-07-01" });
    expect(again).toMatchObject({ kind: "refused", fieldErrors: { confirmDuplicate: [expect.stringMatching(/already active for the client \(since Jun 1, 2026\)/)] } });
    const rows = () => t.db.select({ n: count() }).from(assignments).where(sql`${assignments.clientId} = ${clientId} and ${assignments.exerciseId} = 'thought-record'`);
    expect(Number((await rows())[0]!.n)).toBe(before + 1);
    // Anything but the confirmation flag's own value is not a confirmation.
    expect(await assign(actors.counselor!, { exerciseId: "thought-record", confirmDuplicate: "on" })).toMatchObject({ kind: "invalid" });
    expect((await assign(actors.counselor!, { exerciseId: "thought-record", confirmDuplicate: "yes" })).kind).toBe("ok");
    expect(Number((await rows())[0]!.n)).toBe(before + 2);
    // Once the earlier ones have ended, a new one needs no confirmation.
    await t.db.update(assignments).set({ status: "ended", endedOn: "2026-06-15" }).where(sql`${assignments.clientId} = ${clientId} and ${assignments.exerciseId} = 'thought-record'`);
    expect((await assign(actors.counselor!, { exerciseId: "thought-record" })).kind).toBe("ok");
  });

  it("pauses, resumes and ends with a pause record, a version check and an audit event each", async () => {
    const made = await assign(actors.counselor!, { exerciseId: "emotion-naming" });
    if (made.kind !== "ok") throw new Error("setup");
    const id = made.result.id;
    const change = (what: string, version: number) =>
      executeAction(t.db, actors.counselor!, changeAssignmentSpec, changeAssignment, { clientId, assignmentId: id, version: String(version), change: what }, testMeta);
    expect((await change("pause", 1)).kind).toBe("ok");
    expect(await change("pause", 2)).toMatchObject({ kind: "refused" });
    const [pause] = await t.db.select().from(assignmentPauses).where(eq(assignmentPauses.assignmentId, id));
    expect(pause?.untilDate).toBeNull();
    expect(await change("resume", 1)).toMatchObject({ kind: "refused", code: "conflict" });
    expect((await change("resume", 2)).kind).toBe("ok");
    const [closed] = await t.db.select().from(assignmentPauses).where(eq(assignmentPauses.assignmentId, id));
    expect(closed?.untilDate).not.toBeNull();
    expect((await change("end", 3)).kind).toBe("ok");
    const [row] = await t.db.select({ status: assignments.status, endedOn: assignments.endedOn }).from(assignments).where(eq(assignments.id, id));
    expect(row?.status).toBe("ended");
    expect(row?.endedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action).sort()).toEqual(["assignment.create", "assignment.end", "assignment.pause", "assignment.resume"]);
  });
});

describe(`an organisation's own exercises (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  const file = (id: string, extra = "") => `---
id: ${id}
title: Evening check
kind: journal
audience: client
minutes: 4
purpose: A short look back at the day.
version: 1
fields:
  - id: moment
    type: long_text
    label: One moment from today
    required: true${extra}
---
Take a breath, then write one moment from today.
`;

  it("checks the file with the bundled rules, previews without saving, then saves for this organisation only", async () => {
    const admin = actors.admin!;
    const bad = await executeAction(t.db, admin, addCustomExerciseSpec, addCustomExercise, { text: file("evening-check", "\n  - id: x\n    type: telepathy\n    label: Nope"), intent: "save" }, testMeta);
    expect(bad).toMatchObject({ kind: "refused", fieldErrors: { text: [expect.stringMatching(/evening-check\.md.*fields/)] } });
    const clash = await executeAction(t.db, admin, addCustomExerciseSpec, addCustomExercise, { text: file("thought-record").replace("kind: journal", "kind: journal"), intent: "save" }, testMeta);
    expect(clash.kind).toBe("refused");
    const preview = await executeAction(t.db, admin, addCustomExerciseSpec, addCustomExercise, { text: file("evening-check"), intent: "preview" }, testMeta);
    expect(preview).toMatchObject({ kind: "ok", result: { saved: false } });
    expect((await t.db.select({ n: count() }).from(customExercises))[0]!.n).toBe(0);
    const saved = await executeAction(t.db, admin, addCustomExerciseSpec, addCustomExercise, { text: file("evening-check"), intent: "save" }, testMeta);
    expect(saved).toMatchObject({ kind: "ok", result: { saved: true } });
    expect((await listLibrary(t.db, admin.organisationId)).some((e) => e.id === "evening-check" && e.source === "organisation")).toBe(true);
    expect((await listLibrary(t.db, actors["other-org"]!.organisationId)).some((e) => e.id === "evening-check")).toBe(false);
    expect(await executeAction(t.db, actors.counselor!, addCustomExerciseSpec, addCustomExercise, { text: file("other-one"), intent: "save" }, testMeta)).toEqual({ kind: "not_found" });
  });

  it("pages a client's entries in SQL, newest first, every entry once, and clamps a page past the end", async () => {
    const all = await listEntries(t.db, actors.counselor!, clientId, 10_000);
    expect(all.length).toBeGreaterThan(5);
    const size = 4;
    const first = await listEntriesPage(t.db, actors.counselor!, clientId, 1, size);
    expect(first).toMatchObject({ page: 1, total: all.length, pageCount: Math.ceil(all.length / size) });
    expect(first.entries).toHaveLength(size);
    const seen: string[] = [];
    for (let page = 1; page <= first.pageCount; page++) seen.push(...(await listEntriesPage(t.db, actors.counselor!, clientId, page, size)).entries.map((e) => e.id));
    expect(seen).toEqual(all.map((e) => e.id));
    const past = await listEntriesPage(t.db, actors.counselor!, clientId, 9_999, size);
    expect(past.page).toBe(first.pageCount);
    // Another organisation's counselor sees nothing of this client.
    expect(await listEntriesPage(t.db, actors["other-org"]!, clientId, 1, size)).toMatchObject({ total: 0, entries: [] });
  });

  it("reads an entry without marking it read; marking it read is its own write, done once", async () => {
    const db = t.db;
    const [unread] = (await listEntries(db, actors.counselor!, clientId, 10_000)).filter((e) => e.readAt === null);
    const target = unread ?? (await listEntries(db, actors.counselor!, clientId, 1))[0]!;
    if (!unread) await db.execute(sql`update exercise_entries set read_at = null where id = ${target.id}`);
    const entry = await getEntry(db, actors.counselor!, clientId, target.id);
    expect(entry?.readAt).toBeNull();
    expect((await getEntry(db, actors.counselor!, clientId, target.id))?.readAt).toBeNull();
    await markEntryRead(db, entry!);
    const first = (await getEntry(db, actors.counselor!, clientId, target.id))?.readAt;
    expect(first).not.toBeNull();
    // A second open keeps the first time it was read.
    await markEntryRead(db, { id: target.id, readAt: null });
    expect((await getEntry(db, actors.counselor!, clientId, target.id))?.readAt).toEqual(first);
    // Not this organisation's: nothing to read.
    expect(await getEntry(db, actors["other-org"]!, clientId, target.id)).toBeNull();
  });
});

