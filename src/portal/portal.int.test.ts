import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { assignments, clients, consents, exerciseEntries, portalLinks, supportContacts, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { executeAction } from "@/lib/action-core";
import { executePortalAction } from "@/lib/portal-action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import { createAssignment, createAssignmentSpec } from "@/assignments/mutations";
import { submitEntry, submitEntrySpec } from "./entries";
import { createLink, createLinkSpec, revokeLink, revokeLinkSpec } from "./links";
import { LIMITS } from "@/lib/limiter";
import { resolvePortalLink, type PortalHolder } from "./session";
import { hashToken } from "./tokens";

let t: TestDatabase;
const actors: Record<string, Actor> = {};
let clientId: string;
let familyContactId: string;
let silentContactId: string;
let thoughtRecordId: string;
let familyAssignmentId: string;

const thoughtRecordAnswers = {
  situation: "Plans with a friend were cancelled at the last minute.",
  automatic_thought: "Nobody really wants me around.",
  emotion: "lonely",
  intensity_before: "80",
  balanced_thought: "She was sick; she asked to meet next week instead.",
  intensity_after: "45",
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
  for (const u of await t.db.select().from(users)) {
    actors[u.email.split("@")[0]!] = { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email };
  }
  const [family] = await t.db.select().from(supportContacts).where(eq(supportContacts.name, "Marisol Abbott"));
  clientId = family!.clientId;
  familyContactId = family!.id;
  const [silent] = await t.db
    .insert(supportContacts)
    .values({ organisationId: actors.counselor!.organisationId, clientId, name: "No Consent Yet", relationship: "friend" })
    .returning();
  silentContactId = silent!.id;
  await t.db.insert(consents).values({ organisationId: actors.counselor!.organisationId, clientId, contactId: silentContactId, scope: "nothing", validFrom: "2020-01-01", recordedBy: actors.counselor!.userId });
  const made = await executeAction(
    t.db,
    actors.counselor!,
    createAssignmentSpec,
    createAssignment,
    { clientId, assignee: "client", exerciseId: "thought-record", cadence: "daily", startDate: "2026-01-01" },
    testMeta,
  );
  if (made.kind !== "ok") throw new Error(JSON.stringify(made));
  thoughtRecordId = made.result.id;
  const [fam] = await t.db.select({ id: assignments.id }).from(assignments).where(eq(assignments.contactId, familyContactId));
  familyAssignmentId = fam!.id;
});
afterAll(async () => t?.close());

async function link(holder: string, actor = actors.counselor!) {
  const outcome = await executeAction(t.db, actor, createLinkSpec, createLink, { clientId, holder }, testMeta);
  if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
  return outcome.result;
}

async function holderFor(token: string, ip = "192.0.2.1"): Promise<PortalHolder> {
  const holder = await resolvePortalLink(t.db, token, ip);
  if (!holder) throw new Error("link did not resolve");
  return holder;
}

const entryCount = async () => Number((await t.db.select({ n: count() }).from(exerciseEntries).where(eq(exerciseEntries.assignmentId, thoughtRecordId)))[0]!.n);

describe(`private links (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("keeps only the token's hash, with 256 bits of randomness", async () => {
    const { id, token } = await link("client");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await t.db.select().from(portalLinks).where(eq(portalLinks.id, id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it("answers revoked, expired, unknown and malformed links exactly alike", async () => {
    const live = await link("client");
    expect((await holderFor(live.token)).contactId).toBeNull();
    const revoked = await link("client");
    await executeAction(t.db, actors.counselor!, revokeLinkSpec, revokeLink, { clientId, linkId: revoked.id }, testMeta);
    const expired = await link("client");
    await t.db.update(portalLinks).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(portalLinks.id, expired.id));
    for (const token of [revoked.token, expired.token, "A".repeat(43), "not a token"]) {
      expect(await resolvePortalLink(t.db, token, "192.0.2.50")).toBeNull();
    }
  });

  it("reissuing revokes the old link in the same step", async () => {
    const first = await link("client");
    const outcome = await executeAction(t.db, actors.counselor!, createLinkSpec, createLink, { clientId, holder: "client", replaces: first.id }, testMeta);
    expect(outcome.kind).toBe("ok");
    expect(await resolvePortalLink(t.db, first.token, "192.0.2.51")).toBeNull();
  });

  it("gives a family member a link only when their consent allows sharing", async () => {
    expect((await link(familyContactId)).forContact).toBe(true);
    const refused = await executeAction(t.db, actors.counselor!, createLinkSpec, createLink, { clientId, holder: silentContactId }, testMeta);
    expect(refused).toMatchObject({ kind: "refused", message: expect.stringContaining("consent") });
  });

  it("lets no one else make or revoke links for the client", async () => {
    for (const who of ["counselor3", "admin", "other-org"]) {
      expect(await executeAction(t.db, actors[who]!, createLinkSpec, createLink, { clientId, holder: "client" }, testMeta)).toEqual({ kind: "not_found" });
    }
  });

  it("throttles an address that keeps guessing, even for a valid link", async () => {
    const { token } = await link("client");
    const ip = "198.51.100.200";
    for (let i = 0; i < LIMITS.linkGuess.max; i++) await resolvePortalLink(t.db, `guess-${i}`, ip);
    expect(await resolvePortalLink(t.db, token, ip)).toBeNull();
    expect(await resolvePortalLink(t.db, token, "198.51.100.201")).not.toBeNull();
  });
});

describe(`portal submissions (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("saves a thought record with both intensities, once per key", async () => {
    const holder = await holderFor((await link("client")).token);
    const input = { assignmentId: thoughtRecordId, idempotencyKey: "key-one-aaaaaaaaaaaa", answers: JSON.stringify(thoughtRecordAnswers) };
    const before = await entryCount();
    const first = await executePortalAction(t.db, holder, submitEntrySpec, submitEntry, input, testMeta);
    const again = await executePortalAction(t.db, holder, submitEntrySpec, submitEntry, input, testMeta);
    expect(first).toMatchObject({ kind: "ok", result: { duplicate: false } });
    expect(again).toMatchObject({ kind: "ok", result: { duplicate: true } });
    expect(await entryCount()).toBe(before + 1);
    const [entry] = await t.db.select().from(exerciseEntries).where(eq(exerciseEntries.idempotencyKey, "key-one-aaaaaaaaaaaa"));
    expect(entry).toMatchObject({ intensityBefore: 80, intensityAfter: 45, contactId: null });
    const [client] = await t.db.select({ at: clients.lastContactAt }).from(clients).where(eq(clients.id, clientId));
    expect(Date.now() - new Date(client!.at!).getTime()).toBeLessThan(60_000);
  });

  it("saves once when twenty identical submissions arrive together", async () => {
    const holder = await holderFor((await link("client")).token);
    const input = { assignmentId: thoughtRecordId, idempotencyKey: "key-race-bbbbbbbbbbbb", answers: JSON.stringify(thoughtRecordAnswers) };
    const before = await entryCount();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => executePortalAction(t.db, holder, submitEntrySpec, submitEntry, input, testMeta)));
    expect(outcomes.every((o) => o.kind === "ok")).toBe(true);
    expect(await entryCount()).toBe(before + 1);
  });

  it("refuses bad or oversized answers with a message on the field and saves nothing", async () => {
    const holder = await holderFor((await link("client")).token);
    const before = await entryCount();
    const bad = await executePortalAction(
      t.db,
      holder,
      submitEntrySpec,
      submitEntry,
      { assignmentId: thoughtRecordId, idempotencyKey: "key-bad-cccccccccccc", answers: JSON.stringify({ ...thoughtRecordAnswers, intensity_before: "180", mystery: "x" }) },
      testMeta,
    );
    expect(bad).toMatchObject({ kind: "refused", fieldErrors: { intensity_before: expect.any(Array), mystery: expect.any(Array) } });
    const huge = await executePortalAction(
      t.db,
      holder,
      submitEntrySpec,
      submitEntry,
      { assignmentId: thoughtRecordId, idempotencyKey: "key-huge-dddddddddddd", answers: JSON.stringify({ ...thoughtRecordAnswers, situation: "x".repeat(70_000) }) },
      testMeta,
    );
    expect(huge.kind).toBe("invalid");
    expect(await entryCount()).toBe(before);
  });

  it("keeps a client and a family member each to their own assignments", async () => {
    const client = await holderFor((await link("client")).token);
    const family = await holderFor((await link(familyContactId)).token);
    const familyTry = await executePortalAction(
      t.db,
      family,
      submitEntrySpec,
      submitEntry,
      { assignmentId: thoughtRecordId, idempotencyKey: "key-fam-eeeeeeeeeeee", answers: JSON.stringify(thoughtRecordAnswers) },
      testMeta,
    );
    const clientTry = await executePortalAction(
      t.db,
      client,
      submitEntrySpec,
      submitEntry,
      { assignmentId: familyAssignmentId, idempotencyKey: "key-cli-ffffffffffff", answers: "{}" },
      testMeta,
    );
    expect(familyTry).toEqual({ kind: "not_found" });
    expect(clientTry).toEqual({ kind: "not_found" });
    const rows = await t.db.select({ n: count() }).from(exerciseEntries).where(and(eq(exerciseEntries.idempotencyKey, "key-fam-eeeeeeeeeeee")));
    expect(rows[0]!.n).toBe(0);
  });
});
