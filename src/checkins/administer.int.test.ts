import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, checkinAdministrations, checkinSchedules, criticalAlerts } from "@/db/schema";
import { getBundledInstrument } from "@/content/instruments";
import type { AnswerValue, Instrument } from "@/instruments/fhir-schema";
import { scoreResponse } from "@/instruments/scoring";
import { executeAction } from "@/lib/action-core";
import { testMeta } from "@/lib/testing/fixtures";
import { administer, administerSpec } from "./administer";
import { acknowledgeAlert, acknowledgeAlertSpec } from "./alerts";
import { openAlertCount } from "./queries";
import { createSchedule, createScheduleSpec } from "./schedules";
import { demoWorld, newKey, type DemoWorld } from "./testing/setup";

let w: DemoWorld;
let clientId: string;
let numbness: Instrument;
let profile: Instrument;

beforeAll(async () => {
  w = await demoWorld();
  clientId = w.counselorClients[2]!.id;
  numbness = (await getBundledInstrument("https://attune.health/fhir/Questionnaire/attune-numbness"))!;
  profile = (await getBundledInstrument("https://attune.health/fhir/Questionnaire/attune-detachment-profile"))!;
});
afterAll(async () => w?.t.close());

const take = (answers: Record<string, string>, options: { instrument?: Instrument; key?: string; allowMissing?: boolean; actor?: string; client?: string } = {}) =>
  executeAction(
    w.t.db,
    w.actors[options.actor ?? "counselor"]!,
    administerSpec,
    administer,
    {
      clientId: options.client ?? clientId,
      instrument: (options.instrument ?? numbness).canonical,
      respondent: "client",
      idempotencyKey: options.key ?? newKey(),
      allowMissing: options.allowMissing ? "true" : undefined,
      answers: JSON.stringify(answers),
    },
    testMeta,
  );

async function stored(id: string) {
  const [row] = await w.t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.id, id));
  return row!;
}

const alertsOf = async (administrationId: string) => w.t.db.select().from(criticalAlerts).where(eq(criticalAlerts.administrationId, administrationId));

describe(`in-session check-ins (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("stores the answers as given and a score equal to scoreResponse of those answers", async () => {
    const outcome = await take({ flat: "often", empty: "some-of-the-time", distant: "often", joy: "once-in-a-while", interest: "some-of-the-time", body: "not-at-all", naming: "often", worth: "not-at-all" });
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const row = await stored(outcome.result.id);
    expect(row.answers).toEqual({
      flat: { code: "often" },
      empty: { code: "some-of-the-time" },
      distant: { code: "often" },
      joy: { code: "once-in-a-while" },
      interest: { code: "some-of-the-time" },
      body: { code: "not-at-all" },
      naming: { code: "often" },
      worth: { code: "not-at-all" },
    });
    // By hand: 3 + 2 + 3 + 3 (joy reversed) + 2 + 0 + 1 (naming reversed) + 0 = 14, band "Some" (8–16).
    expect(row).toMatchObject({ status: "complete", total: 14, bandLabel: "Some", bandSeverity: 1, answered: 8, expected: 8, mode: "in_session" });
    expect(row).toMatchObject({ instrumentUrl: numbness.url, instrumentVersion: numbness.version, administeredBy: w.actors.counselor!.userId, contactId: null });
    const again = scoreResponse(numbness, row.answers as Record<string, AnswerValue>);
    expect([row.status, row.total, row.bandLabel, row.answered, row.expected]).toEqual([again.status, again.total, again.band?.label, again.answered, again.expected]);
    expect(await alertsOf(row.id)).toEqual([]);
  });

  it("stores a missing answer under the invalid rule as invalid with no total (never 0), once confirmed", async () => {
    const four = { awareness: "awareness-2", "emotional-state": "emotional-state-1", purpose: "purpose-3", relationships: "relationships-2" };
    const unconfirmed = await take(four, { instrument: profile });
    expect(unconfirmed).toMatchObject({ kind: "refused", fieldErrors: { "answers.long-term": ["Not answered."] } });
    const outcome = await take(four, { instrument: profile, allowMissing: true });
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const row = await stored(outcome.result.id);
    expect(row).toMatchObject({ status: "invalid", total: null, bandLabel: null, answered: 4, expected: 5 });
    const [zero] = await w.t.db.select({ n: count() }).from(checkinAdministrations).where(and(eq(checkinAdministrations.id, row.id), sql`${checkinAdministrations.total} = 0`));
    expect(zero!.n).toBe(0);
  });

  it("prorates under the prorate rule, and raises the critical alert at once", async () => {
    // The worked example of docs/scoring-extension.md: 21 from six answers × 8/6 = 28, "Severe".
    const outcome = await take(
      { flat: "nearly-all-the-time", empty: "nearly-all-the-time", distant: "often", joy: "not-at-all", body: "often", worth: "often" },
      { allowMissing: true },
    );
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const row = await stored(outcome.result.id);
    expect(row).toMatchObject({ status: "prorated", total: 28, bandLabel: "Severe", answered: 6, expected: 8 });
    const alerts = await alertsOf(row.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ clientId, linkId: "worth", acknowledgedAt: null });
    expect(alerts[0]!.message).toMatch(/Follow up with them today/);

    const five = await take({ flat: "often", empty: "often", distant: "often", joy: "often", body: "often" }, { allowMissing: true });
    if (five.kind !== "ok") throw new Error(JSON.stringify(five));
    expect(await stored(five.result.id)).toMatchObject({ status: "invalid", total: null, answered: 5 });
  });

  it("writes neither the check-in nor its alert when the alert cannot be written", async () => {
    const key = newKey("fail");
    await w.t.db.execute(sql`alter table critical_alerts add constraint test_refuse_alerts check (false) not valid`);
    try {
      // A constraint the database enforces answers as a refusal on the form (never a crash), after rolling everything back.
      const outcome = await take({ flat: "often", empty: "often", distant: "often", joy: "often", interest: "often", body: "often", naming: "often", worth: "nearly-all-the-time" }, { key });
      expect(outcome).toMatchObject({ kind: "refused", message: expect.stringContaining("Nothing was saved.") });
    } finally {
      await w.t.db.execute(sql`alter table critical_alerts drop constraint test_refuse_alerts`);
    }
    const [rows] = await w.t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
    expect(rows!.n).toBe(0);
  });

  it("saves once per idempotency key", async () => {
    const key = newKey("twice");
    const answers = { flat: "often", empty: "often", distant: "often", joy: "often", interest: "often", body: "often", naming: "often", worth: "not-at-all" };
    const first = await take(answers, { key });
    const second = await take(answers, { key });
    expect(first).toMatchObject({ kind: "ok", result: { duplicate: false } });
    expect(second).toMatchObject({ kind: "ok", result: { duplicate: true } });
    if (first.kind === "ok" && second.kind === "ok") expect(second.result.id).toBe(first.result.id);
    const [rows] = await w.t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
    expect(rows!.n).toBe(1);
  });
});

describe(`critical alerts (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("stay open until a counselor acknowledges them with a note, which is audited", async () => {
    const client = w.counselorClients[3]!.id;
    const outcome = await take({ flat: "often", empty: "often", distant: "often", joy: "often", interest: "often", body: "often", naming: "often", worth: "often" }, { client });
    if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
    const [alert] = await alertsOf(outcome.result.id);
    const before = await openAlertCount(w.t.db, w.actors.counselor!, client);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await openAlertCount(w.t.db, w.actors.counselor3!, client)).toBe(0);

    const ack = (note: string, actor = "counselor") => executeAction(w.t.db, w.actors[actor]!, acknowledgeAlertSpec, acknowledgeAlert, { clientId: client, alertId: alert!.id, note }, testMeta);
    expect(await ack("   ")).toMatchObject({ kind: "invalid", fieldErrors: { note: expect.any(Array) } });
    expect((await alertsOf(outcome.result.id))[0]!.acknowledgedAt).toBeNull();

    expect(await ack("Phoned them at 3pm; safety plan reviewed, no intent. Seeing them Thursday.")).toMatchObject({ kind: "ok" });
    const [closed] = await alertsOf(outcome.result.id);
    expect(closed).toMatchObject({ acknowledgedBy: w.actors.counselor!.userId, acknowledgementNote: "Phoned them at 3pm; safety plan reviewed, no intent. Seeing them Thursday." });
    expect(closed!.acknowledgedAt).not.toBeNull();
    expect(await openAlertCount(w.t.db, w.actors.counselor!, client)).toBe(before - 1);
    const audit = await w.t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "checkin.alert_acknowledge"), eq(auditEvents.entityId, alert!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.actors.counselor!.userId, clientId: client });
    expect(JSON.stringify(audit[0]!.detail)).not.toContain("safety plan");

    expect(await ack("A second note")).toMatchObject({ kind: "refused" });
  });
});

describe(`who may take, schedule and acknowledge (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("the client's supervisor may; another counselor, another organisation and an admin get not_found and nothing is written", async () => {
    const answers = { flat: "often", empty: "often", distant: "often", joy: "often", interest: "often", body: "often", naming: "often", worth: "often" };
    expect(await take(answers, { actor: "supervisor" })).toMatchObject({ kind: "ok" });
    const [alert] = await w.t.db.select().from(criticalAlerts).where(and(eq(criticalAlerts.clientId, clientId), sql`${criticalAlerts.acknowledgedAt} is null`));
    const [schedulesBefore] = await w.t.db.select({ n: count() }).from(checkinSchedules);
    for (const who of ["counselor3", "other-org", "admin"]) {
      const key = newKey(who);
      expect(await take(answers, { actor: who, key })).toEqual({ kind: "not_found" });
      const [rows] = await w.t.db.select({ n: count() }).from(checkinAdministrations).where(eq(checkinAdministrations.idempotencyKey, key));
      expect(rows!.n).toBe(0);
      const scheduled = await executeAction(
        w.t.db,
        w.actors[who]!,
        createScheduleSpec,
        createSchedule,
        { clientId, instrumentUrl: numbness.url, respondent: "client", cadence: "weekly", startDate: "2027-01-04" },
        testMeta,
      );
      expect(scheduled).toEqual({ kind: "not_found" });
      const acked = await executeAction(w.t.db, w.actors[who]!, acknowledgeAlertSpec, acknowledgeAlert, { clientId, alertId: alert!.id, note: "Not mine to close" }, testMeta);
      expect(acked).toEqual({ kind: "not_found" });
    }
    const [schedulesAfter] = await w.t.db.select({ n: count() }).from(checkinSchedules);
    expect(schedulesAfter!.n).toBe(schedulesBefore!.n);
    const [still] = await w.t.db.select().from(criticalAlerts).where(eq(criticalAlerts.id, alert!.id));
    expect(still!.acknowledgedAt).toBeNull();
  });
});
