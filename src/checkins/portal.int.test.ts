import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkinAdministrations, checkinSchedules } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { addDays, localDateOf } from "@/lib/local-date";
import { executePortalAction } from "@/lib/portal-action-core";
import { testMeta } from "@/lib/testing/fixtures";
import { createLink, createLinkSpec } from "@/portal/links";
import { resolvePortalLink, type PortalHolder } from "@/portal/session";
import { portalCheckinState, portalDueCheckins, submitCheckin, submitCheckinSpec } from "./portal";
import { createSchedule, createScheduleSpec, endSchedule, endScheduleSpec } from "./schedules";
import { demoWorld, newKey, type DemoWorld } from "./testing/setup";

const NUMBNESS = "https://attune.health/fhir/Questionnaire/attune-numbness";
const EMPATHY = "https://attune.health/fhir/Questionnaire/attune-empathy-connection";
const FAMILY = "https://attune.health/fhir/Questionnaire/attune-family-wellbeing";
const PROFILE = "https://attune.health/fhir/Questionnaire/attune-detachment-profile";

const numbAnswers = { flat: "some-of-the-time", empty: "once-in-a-while", distant: "some-of-the-time", joy: "often", interest: "once-in-a-while", body: "not-at-all", naming: "often", worth: "not-at-all" };
const empathyAnswers = { sense: "often", impact: "often", perspective: "some-of-the-time", glad: "often", close: "some-of-the-time", "reach-out": "once-in-a-while", belong: "some-of-the-time", seen: "once-in-a-while" };
const familyAnswers = { limits: "often", "self-care": "some-of-the-time", "resentment-guilt": "once-in-a-while", hope: "often", "step-back": "some-of-the-time", support: "often" };

let w: DemoWorld;
let clientId: string;
let timeZone: string;
let client: PortalHolder;
let family: PortalHolder;
let otherClientSchedule: string;

async function holder(who: string, forClient = w.family.clientId): Promise<PortalHolder> {
  const made = await executeAction(w.t.db, w.actors.counselor!, createLinkSpec, createLink, { clientId: forClient, holder: who }, testMeta);
  if (made.kind !== "ok") throw new Error(JSON.stringify(made));
  const resolved = await resolvePortalLink(w.t.db, made.result.token, "192.0.2.10");
  if (!resolved) throw new Error("link did not resolve");
  return resolved;
}

async function schedule(input: Record<string, string>, forClient = clientId) {
  return executeAction(w.t.db, w.actors.counselor!, createScheduleSpec, createSchedule, { clientId: forClient, cadence: "weekly", startDate: localDateOf(new Date(), timeZone), ...input }, testMeta);
}

/** A fresh schedule: ends the person's active one of the same check-in first (one may be active). */
async function scheduled(input: Record<string, string>, forClient = clientId): Promise<string> {
  await w.t.db
    .update(checkinSchedules)
    .set({ status: "ended" })
    .where(and(eq(checkinSchedules.clientId, forClient), eq(checkinSchedules.instrumentUrl, input.instrumentUrl!), eq(checkinSchedules.status, "active")));
  const outcome = await schedule(input, forClient);
  if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
  return outcome.result.id;
}

const submit = (who: PortalHolder, scheduleId: string, answers: Record<string, string>, key = newKey("portal")) =>
  executePortalAction(w.t.db, who, submitCheckinSpec, submitCheckin, { scheduleId, idempotencyKey: key, answers: JSON.stringify(answers) }, testMeta);

const rowsFor = async (scheduleId: string) => w.t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.scheduleId, scheduleId));

beforeAll(async () => {
  w = await demoWorld();
  clientId = w.family.clientId;
  timeZone = w.counselorClients.find((c) => c.id === clientId)!.timeZone;
  client = await holder("client");
  family = await holder(w.family.contactId);
  const other = w.counselorClients.find((c) => c.id !== clientId)!;
  otherClientSchedule = await scheduled({ instrumentUrl: NUMBNESS, respondent: "client", startDate: localDateOf(new Date(), other.timeZone) }, other.id);
});
afterAll(async () => w?.t.close());

describe(`scheduling check-ins for the portal (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("sends the client's check-ins to the client and the family check-in to a family member only", async () => {
    expect(await schedule({ instrumentUrl: NUMBNESS, respondent: w.family.contactId })).toMatchObject({ kind: "refused", fieldErrors: { respondent: expect.any(Array) } });
    expect(await schedule({ instrumentUrl: FAMILY, respondent: "client" })).toMatchObject({ kind: "refused", fieldErrors: { respondent: expect.any(Array) } });
    expect(await schedule({ instrumentUrl: PROFILE, respondent: "client" })).toMatchObject({ kind: "refused", message: expect.stringContaining("in session") });
    expect(await schedule({ instrumentUrl: "https://example.org/nothing", respondent: "client" })).toMatchObject({ kind: "refused", fieldErrors: { instrumentUrl: expect.any(Array) } });
    expect(await schedule({ instrumentUrl: NUMBNESS, respondent: "client", expiryDays: "30" })).toMatchObject({ kind: "invalid", fieldErrors: { expiryDays: expect.any(Array) } });
  });
});

describe(`scheduling a check-in (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("keeps one active schedule per person and check-in, also when two arrive together", async () => {
    const first = await scheduled({ instrumentUrl: EMPATHY, respondent: "client" });
    const again = await schedule({ instrumentUrl: EMPATHY, respondent: "client", cadence: "daily" });
    expect(again).toMatchObject({ kind: "refused", fieldErrors: { instrumentUrl: [expect.stringContaining("already scheduled")] } });
    const active = async () =>
      (await w.t.db.select({ n: count() }).from(checkinSchedules).where(and(eq(checkinSchedules.clientId, clientId), eq(checkinSchedules.instrumentUrl, EMPATHY), eq(checkinSchedules.status, "active"))))[0]!.n;
    expect(await active()).toBe(1);

    // The family member's own check-in is a different person's schedule.
    await scheduled({ instrumentUrl: FAMILY, respondent: w.family.contactId });
    expect(await schedule({ instrumentUrl: FAMILY, respondent: w.family.contactId })).toMatchObject({ kind: "refused" });

    // Once ended, it can be scheduled afresh; ten at once leave exactly one.
    const ended = await executeAction(w.t.db, w.actors.counselor!, endScheduleSpec, endSchedule, { clientId, scheduleId: first, version: "1" }, testMeta);
    expect(ended).toMatchObject({ kind: "ok" });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => schedule({ instrumentUrl: EMPATHY, respondent: "client" })));
    expect(outcomes.filter((o) => o.kind === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "refused")).toHaveLength(9);
    expect(await active()).toBe(1);
  });
});

describe(`completing a check-in in the portal (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("saves the holder's own due check-in with its score, then it is no longer due", async () => {
    const id = await scheduled({ instrumentUrl: NUMBNESS, respondent: "client" });
    expect((await portalDueCheckins(w.t.db, client)).map((d) => d.scheduleId)).toContain(id);
    expect((await portalDueCheckins(w.t.db, family)).map((d) => d.scheduleId)).not.toContain(id);
    expect(await portalCheckinState(w.t.db, client, id)).toMatchObject({ kind: "due" });
    expect(await portalCheckinState(w.t.db, family, id)).toBeNull();

    const outcome = await submit(client, id, numbAnswers);
    expect(outcome).toMatchObject({ kind: "ok", result: { duplicate: false, critical: 0 } });
    const [row] = await rowsFor(id);
    // 2 + 1 + 2 + 1 (joy reversed) + 1 + 0 + 1 (naming reversed) + 0 = 8: the first point of "Some".
    expect(row).toMatchObject({ mode: "portal", clientId, contactId: null, administeredBy: null, status: "complete", total: 8, bandLabel: "Some" });
    expect((await portalDueCheckins(w.t.db, client)).map((d) => d.scheduleId)).not.toContain(id);
    expect(await portalCheckinState(w.t.db, client, id)).toMatchObject({ kind: "done", critical: false });
    expect(await submit(client, id, numbAnswers)).toMatchObject({ kind: "refused", message: expect.stringContaining("already done") });
    expect(await rowsFor(id)).toHaveLength(1);
  });

  it("saves once when twenty identical submissions arrive together", async () => {
    const id = await scheduled({ instrumentUrl: EMPATHY, respondent: "client" });
    const key = newKey("race");
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => submit(client, id, empathyAnswers, key)));
    expect(outcomes.every((o) => o.kind === "ok")).toBe(true);
    expect(outcomes.filter((o) => o.kind === "ok" && !o.result.duplicate)).toHaveLength(1);
    const [rows] = await w.t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
    expect(rows!.n).toBe(1);
    expect(await rowsFor(id)).toHaveLength(1);
  });

  it("accepts a check-in until the last day of its window and refuses it after", async () => {
    const today = localDateOf(new Date(), timeZone);
    // Three check-ins, since one person has one active schedule of each.
    const lastDay = await scheduled({ instrumentUrl: NUMBNESS, respondent: "client", cadence: "once", startDate: addDays(today, -3) });
    const closed = await scheduled({ instrumentUrl: EMPATHY, respondent: "client", cadence: "once", startDate: addDays(today, -4) });
    const shortWindow = await scheduled({ instrumentUrl: FAMILY, respondent: w.family.contactId, cadence: "once", startDate: addDays(today, -1), expiryDays: "1" });
    expect(await submit(client, closed, empathyAnswers)).toMatchObject({ kind: "refused", message: expect.stringContaining("closed") });
    expect(await submit(family, shortWindow, familyAnswers)).toMatchObject({ kind: "refused", message: expect.stringContaining("closed") });
    expect(await rowsFor(closed)).toHaveLength(0);
    expect(await portalCheckinState(w.t.db, client, closed)).toMatchObject({ kind: "closed", next: null });
    expect(await submit(client, lastDay, numbAnswers)).toMatchObject({ kind: "ok" });
  });

  it("keeps each holder to their own schedules: the family member does the family check-in, nobody does another's", async () => {
    const familyId = await scheduled({ instrumentUrl: FAMILY, respondent: w.family.contactId });
    const clientsOwn = await scheduled({ instrumentUrl: NUMBNESS, respondent: "client" });
    expect(await submit(client, familyId, familyAnswers)).toEqual({ kind: "not_found" });
    expect(await submit(family, clientsOwn, numbAnswers)).toEqual({ kind: "not_found" });
    expect(await submit(client, otherClientSchedule, numbAnswers)).toEqual({ kind: "not_found" });
    expect(await rowsFor(familyId)).toHaveLength(0);
    expect(await rowsFor(otherClientSchedule)).toHaveLength(0);

    expect(await submit(family, familyId, familyAnswers)).toMatchObject({ kind: "ok" });
    const [row] = await rowsFor(familyId);
    expect(row).toMatchObject({ clientId, contactId: w.family.contactId, status: "complete", total: 16, bandLabel: "Steady" });
  });

  it("asks before saving with unanswered questions, then follows the check-in's rule", async () => {
    const id = await scheduled({ instrumentUrl: NUMBNESS, respondent: "client" });
    const seven = { ...numbAnswers, worth: "" };
    expect(await submit(client, id, seven)).toMatchObject({ kind: "refused", fieldErrors: { "answers.worth": ["Not answered."] } });
    const outcome = await executePortalAction(w.t.db, client, submitCheckinSpec, submitCheckin, { scheduleId: id, idempotencyKey: newKey(), allowMissing: "true", answers: JSON.stringify(seven) }, testMeta);
    expect(outcome).toMatchObject({ kind: "ok" });
    // 8 from seven answers × 8/7 = 9.142… → 9.14.
    expect((await rowsFor(id))[0]).toMatchObject({ status: "prorated", total: 9.14, answered: 7, expected: 8 });
  });
});
