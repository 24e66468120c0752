import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, checkinAdministrations, clients, exerciseEntries, sessionNotes } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { FormState } from "@/lib/form-state";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { NOTE_CONFLICT_MESSAGE } from "@/notes/schemas";
import { toFormData, unique } from "./testing/action-inputs";
import { actionEntries, fakeSession, loadAction, observe, type Observed } from "./testing/harness";
import { buildMatrixWorld, NUMBNESS_URL, type MatrixWorld } from "./world";

vi.mock("@/auth/session", async () => (await import("./testing/harness")).sessionModule);
vi.mock("@/auth/config", async () => (await import("./testing/harness")).authConfigModule);
vi.mock("next-auth", async () => (await import("./testing/harness")).nextAuthModule);
vi.mock("next/headers", async () => (await import("./testing/harness")).headersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/**
 * Races through the real server actions, on one database reused for every round: twenty identical
 * submissions at once leave one row, and two people saving the same version leave one winner and
 * one clear conflict, a thousand times over.
 */
const ITERATIONS = Number(process.env.ATTUNE_RACE_ITERATIONS ?? 1000);
// 1,000 rounds take 10-15 s on an idle 2-core machine; a busy one needs far longer than the default.
const RACE_TIMEOUT = 300_000;
const CALM = { flat: "some-of-the-time", empty: "once-in-a-while", distant: "some-of-the-time", joy: "often", interest: "once-in-a-while", body: "not-at-all", naming: "often", worth: "not-at-all" };
const CLIENT_CONFLICT = /^Someone else saved this record while you were editing/;

let t: TestDatabase;
let world: MatrixWorld;
const run: Record<string, (fd: FormData) => Promise<FormState | void>> = {};
const observed = { duplicateRows: 0, conflicts: 0, winners: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "race-demo-password", checkins: false });
  world = await buildMatrixWorld(t.db);
  for (const name of ["submitPortalEntryAction", "submitPortalCheckinAction", "administerAction", "saveNoteAction", "updateClientAction"]) {
    run[name] = await loadAction(actionEntries.find((e) => e.name === name)!);
  }
  fakeSession.actor = world.actors.counselor;
}, 120_000);
afterAll(async () => {
  fakeSession.actor = null;
  console.log(`races (${process.env.ATTUNE_TEST_DRIVER}, ${ITERATIONS} rounds per editor race): ${JSON.stringify(observed)}`);
  await t?.close();
});

const own = () => world.targets.own;
const times = <T>(n: number, make: () => Promise<T>) => Promise.all(Array.from({ length: n }, make));
async function as(actor: Actor, call: () => Promise<FormState | void>): Promise<Observed> {
  fakeSession.actor = actor;
  return observe(call);
}

describe(`twenty identical submissions at once (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("save one portal exercise entry", async () => {
    const key = unique("race-entry");
    const fields = { token: own().portalToken, assignmentId: own().assignmentId, idempotencyKey: key, answers: JSON.stringify({ notes: "Twenty taps." }) };
    const outcomes = await times(20, () => observe(() => run.submitPortalEntryAction!(toFormData(fields))));
    expect(outcomes.every((o) => o.kind === "allow"), JSON.stringify(outcomes)).toBe(true);
    const [rows] = await t.db.select({ n: count() }).from(exerciseEntries).where(eq(exerciseEntries.idempotencyKey, key));
    observed.duplicateRows += rows!.n - 1;
    expect(rows!.n).toBe(1);
  });

  it("save one portal check-in", async () => {
    const key = unique("race-checkin");
    const fields = { token: own().portalToken, scheduleId: own().scheduleId, idempotencyKey: key, answers: JSON.stringify(CALM) };
    const outcomes = await times(20, () => observe(() => run.submitPortalCheckinAction!(toFormData(fields))));
    expect(outcomes.every((o) => o.kind === "allow"), JSON.stringify(outcomes)).toBe(true);
    const [rows] = await t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
    observed.duplicateRows += rows!.n - 1;
    expect(rows!.n).toBe(1);
  });

  it("save one check-in taken in session", async () => {
    const key = unique("race-session");
    const fields = { clientId: own().clientId, instrument: NUMBNESS_URL, respondent: "client", idempotencyKey: key, answers: JSON.stringify(CALM) };
    const outcomes = await times(20, () => as(world.actors.counselor, () => run.administerAction!(toFormData(fields))));
    expect(outcomes.every((o) => o.kind === "allow"), JSON.stringify(outcomes)).toBe(true);
    const [rows] = await t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
    observed.duplicateRows += rows!.n - 1;
    expect(rows!.n).toBe(1);
  });

  it("save a note once: one new version, one audit event, nineteen conflicts that keep their text", async () => {
    const noteId = own().draftNoteId;
    const [before] = await t.db.select({ version: sessionNotes.version }).from(sessionNotes).where(eq(sessionNotes.id, noteId));
    const [auditsBefore] = await t.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.entityId, noteId), eq(auditEvents.action, "note.save")));
    const fields = { clientId: own().clientId, noteId, version: String(before!.version), sessionDate: "2026-01-05", attendance: "attended", data: "Twenty saves of the same text." };
    const states = await times(20, async () => {
      fakeSession.actor = world.actors.counselor;
      return (await run.saveNoteAction!(toFormData(fields))) as FormState;
    });
    expect(states.filter((s) => s.status === "success")).toHaveLength(1);
    for (const loser of states.filter((s) => s.status !== "success")) {
      expect(loser.message).toBe(NOTE_CONFLICT_MESSAGE);
      expect(loser.values?.data).toBe(fields.data);
    }
    const [after] = await t.db.select({ version: sessionNotes.version }).from(sessionNotes).where(eq(sessionNotes.id, noteId));
    const [auditsAfter] = await t.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.entityId, noteId), eq(auditEvents.action, "note.save")));
    expect(after!.version).toBe(before!.version + 1);
    expect(auditsAfter!.n).toBe(auditsBefore!.n + 1);
  });
});

describe(`two people saving the same version, ${ITERATIONS} times (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("gives one winner and one clear conflict on a client's details, every time", async () => {
    const c = own();
    const [row] = await t.db.select().from(clients).where(eq(clients.id, c.clientId));
    const base = { clientId: c.clientId, name: row!.name, recordNumber: row!.recordNumber, recoveryFocus: row!.recoveryFocus, status: row!.status, primaryCounselorId: row!.primaryCounselorId, startDate: row!.startDate, timeZone: row!.timeZone };
    let version = row!.version;
    const anomalies: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const edit = (who: Actor, tag: string) => as(who, () => run.updateClientAction!(toFormData({ ...base, version: String(version), tags: tag })));
      const results = await Promise.all([edit(world.actors.counselor, `counselor ${i % 10}`), edit(world.actors.supervisor, `supervisor ${i % 10}`)]);
      const winners = results.filter((r) => r.kind === "allow").length;
      const losers = results.filter((r) => r.kind === "refused" && CLIENT_CONFLICT.test(r.message)).length;
      observed.winners += winners;
      observed.conflicts += losers;
      if (winners !== 1 || losers !== 1) anomalies.push(`round ${i}: ${JSON.stringify(results)}`);
      version++;
    }
    const [after] = await t.db.select({ version: clients.version }).from(clients).where(eq(clients.id, c.clientId));
    expect(anomalies.slice(0, 5)).toEqual([]);
    expect(after!.version).toBe(version);
  }, RACE_TIMEOUT);

  it("gives one winner and one clear conflict on a note draft, every time", async () => {
    const c = own();
    const [row] = await t.db.select({ version: sessionNotes.version }).from(sessionNotes).where(eq(sessionNotes.id, c.draftNoteId));
    let version = row!.version;
    const anomalies: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const save = (tab: string) =>
        as(world.actors.counselor, () => run.saveNoteAction!(toFormData({ clientId: c.clientId, noteId: c.draftNoteId, version: String(version), sessionDate: "2026-01-05", attendance: "attended", data: `${tab} in round ${i}` })));
      const results = await Promise.all([save("tab A"), save("tab B")]);
      const winners = results.filter((r) => r.kind === "allow").length;
      const losers = results.filter((r) => r.kind === "refused" && r.message === NOTE_CONFLICT_MESSAGE).length;
      observed.winners += winners;
      observed.conflicts += losers;
      if (winners !== 1 || losers !== 1) anomalies.push(`round ${i}: ${JSON.stringify(results)}`);
      version++;
    }
    const [after] = await t.db.select({ version: sessionNotes.version }).from(sessionNotes).where(eq(sessionNotes.id, c.draftNoteId));
    expect(anomalies.slice(0, 5)).toEqual([]);
    expect(after!.version).toBe(version);
  }, RACE_TIMEOUT);
});
