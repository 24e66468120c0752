import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteFamilyAttendees, noteGroupMembers, sessionNotes } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedDemoNotes } from "@/db/seed/demo-notes";
import { demoUsers } from "@/db/seed/demo-users";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, rejection, type TestDatabase } from "@/lib/testing/db";
import { todayIn } from "@/lib/zod-fields";
import { listNotesToCosign } from "./queries";
import { demoActors } from "./testing";

let t: TestDatabase;
let org = "";
let summary: Awaited<ReturnType<typeof seedDemoNotes>>;
const today = todayIn("UTC");

beforeAll(async () => {
  t = await createTestDatabase();
  const seeded = await seedDemo(t.db, { password: "not-used-here" });
  org = seeded.organisationId;
  const actors = await demoActors(t.db);
  const userIds = new Map(demoUsers.map((u) => [u.key, actors[u.email.split("@")[0]!]!.userId]));
  // Skip if demo.ts already calls it (the lead wires it in), so this test works before and after.
  const [existing] = await t.db.select({ n: count() }).from(sessionNotes).where(eq(sessionNotes.organisationId, org));
  if (existing!.n === 0) summary = await t.db.transaction((tx) => seedDemoNotes(tx, org, userIds, today));
});
afterAll(async () => t?.close());

const countWhere = async (where: ReturnType<typeof and>) => (await t.db.select({ n: count() }).from(sessionNotes).where(where))[0]!.n;

describe(`demo notes (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("gives the demo clients about a year of notes, nearly all signed", async () => {
    const total = await countWhere(eq(sessionNotes.organisationId, org));
    expect(total).toBeGreaterThan(400);
    if (summary) expect(total).toBe(summary.notes);
    expect(await countWhere(and(eq(sessionNotes.organisationId, org), eq(sessionNotes.status, "draft")))).toBe(2);
    const [range] = await t.db.select({ first: sql<string>`min(${sessionNotes.sessionDate})::text`, last: sql<string>`max(${sessionNotes.sessionDate})::text` }).from(sessionNotes);
    expect(range!.first >= addDays(today, -366)).toBe(true);
    expect(range!.last < today).toBe(true);
  });

  it("has family sessions with their attendees, and one group session with its members", async () => {
    const [family] = await t.db.select({ n: sql<number>`count(distinct ${noteFamilyAttendees.noteId})::int` }).from(noteFamilyAttendees).where(eq(noteFamilyAttendees.organisationId, org));
    expect(Number(family!.n)).toBeGreaterThan(10);
    const groups = await t.db.select({ id: sessionNotes.id, status: sessionNotes.status }).from(sessionNotes).where(and(eq(sessionNotes.organisationId, org), eq(sessionNotes.type, "group")));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.status).toBe("signed");
    expect(await t.db.select().from(noteGroupMembers).where(eq(noteGroupMembers.noteId, groups[0]!.id))).toHaveLength(4);
  });

  it("leaves exactly one note awaiting the supervisor's co-signature", async () => {
    const actors = await demoActors(t.db);
    const waiting = await listNotesToCosign(t.db, actors.supervisor!);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.authorName).toBe("Jordan Ellis");
    const cosigned = await countWhere(and(eq(sessionNotes.organisationId, org), sql`${sessionNotes.cosignedAt} is not null`));
    expect(cosigned).toBeGreaterThan(400);
  });

  it("wrote them signed for good: the database refuses to change a seeded note", async () => {
    const [note] = await t.db.select({ id: sessionNotes.id }).from(sessionNotes).where(and(eq(sessionNotes.organisationId, org), eq(sessionNotes.type, "family_support"))).limit(1);
    expect(await rejection(t.db.execute(sql`update session_notes set plan = 'rewritten' where id = ${note!.id}`))).toMatch(/signed/);
    expect(await rejection(t.db.delete(noteFamilyAttendees).where(eq(noteFamilyAttendees.noteId, note!.id)))).toMatch(/signed/);
  });
});
