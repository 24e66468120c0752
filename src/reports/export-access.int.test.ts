import type { Actor } from "@/auth/actor";
import type { TestDatabase } from "@/lib/testing/db";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clients, consents, supportContacts } from "@/db/schema";
import { addDays } from "@/lib/local-date";
import { testMeta } from "@/lib/testing/fixtures";
import { CLIENT_FORMATS, clientExportResponse } from "./exports";
import { LIMITS, recordLimiterEvent } from "@/lib/limiter";
import { rowsOf } from "@/db/client";
import { exportsBy, today, exportsFixture, year } from "./testing/exports-fixture";

// Who may export a client's record, how often, and what a family member sees of a shared summary.

const fixture = exportsFixture();
let t: TestDatabase;
let actors: Record<string, Actor>;
let clientId: string;
let timeZone: string;
beforeAll(() => ({ t, actors, clientId, timeZone } = fixture));

describe("who may export a client's record", () => {
  it("answers 404 and writes nothing for another counselor's client, another organisation, an administrator and no session", async () => {
    const outsiders = [actors["counselor3"]!, actors["other-org"]!, actors["admin"]!];
    for (const format of CLIENT_FORMATS) {
      for (const actor of [...outsiders, null]) {
        const response = await clientExportResponse(t.db, actor, clientId, format, year, testMeta);
        expect(response.status, `${format} for ${actor?.email ?? "nobody"}`).toBe(404);
      }
    }
    for (const actor of outsiders) expect(await exportsBy(t, actor)).toBe(0);
    const [{ n }] = (await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "report.export"))) as [{ n: number }];
    expect(Number(n)).toBe(0);
    // A malformed id and an unknown format look the same as a forbidden client.
    expect((await clientExportResponse(t.db, actors["counselor"]!, "not-a-uuid", "pdf", year, testMeta)).status).toBe(404);
    expect((await clientExportResponse(t.db, actors["counselor"]!, clientId, "xlsx", year, testMeta)).status).toBe(404);
  });

  it("lets the counselor and their supervisor export, each export an audit event with format and period", async () => {
    for (const actor of [actors["counselor"]!, actors["supervisor"]!]) {
      const before = await exportsBy(t, actor);
      const response = await clientExportResponse(t.db, actor, clientId, "fhir", year, testMeta);
      expect(response.status).toBe(200);
      await response.text();
      expect(await exportsBy(t, actor)).toBe(before + 1);
    }
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "report.export"), eq(auditEvents.actorUserId, actors["counselor"]!.userId)));
    expect(event).toMatchObject({ clientId, entityType: "client", entityId: clientId, ip: testMeta.ip, detail: { format: "fhir", from: year.get("from"), to: year.get("to") } });
  });

  it("refuses a reversed or malformed period with 400", async () => {
    const response = await clientExportResponse(t.db, actors["counselor"]!, clientId, "pdf", new URLSearchParams({ from: today, to: addDays(today, -3) }), testMeta);
    expect(response.status).toBe(400);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a person's allowance in the window is spent, counted in the database", async () => {
    const actor = actors["counselor2"]!;
    const sharedClient = (await t.db.select({ id: clients.id }).from(clients).where(eq(clients.primaryCounselorId, actor.userId)).limit(1))[0]!.id;
    // The allowance is counted on the limiter ledger, not in this process: spend all but one of it there.
    const slots = async () => rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from limiter_events where kind = 'export' and key = ${actor.userId}`))[0]!.n;
    const already = await slots();
    for (let i = already; i < LIMITS.export.max - 1; i++) await recordLimiterEvent(t.db, { kind: "export", key: actor.userId });
    const before = await exportsBy(t, actor);
    expect((await clientExportResponse(t.db, actor, sharedClient, "checkins-csv", year, testMeta)).status).toBe(200);
    expect(await exportsBy(t, actor)).toBe(before + 1);
    const response = await clientExportResponse(t.db, actor, sharedClient, "checkins-csv", year, testMeta);
    expect(response.status).toBe(429);
    const retry = Number(response.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(LIMITS.export.windowSeconds);
    // A refused export writes no audit event and takes no slot.
    expect(await exportsBy(t, actor)).toBe(before + 1);
    expect(await slots()).toBe(LIMITS.export.max);
  });
});

describe("consents for the portal summary", () => {
  it("shows a family member the shared summary only while their consent allows progress summaries", async () => {
    const { portalSummaryFor } = await import("./portal-summary");
    const { executeAction } = await import("@/lib/action-core");
    const { shareSummary, shareSummarySpec } = await import("./summary-share");
    const counselor = actors["counselor"]!;
    const [contact] = await t.db.select().from(supportContacts).where(eq(supportContacts.clientId, clientId)).limit(1);
    const holder = { linkId: "x", organisationId: counselor.organisationId, clientId, contactId: contact!.id, greetingName: "F", timeZone, language: "en", country: null };
    const clientHolder = { ...holder, contactId: null };
    expect(await portalSummaryFor(t.db, clientHolder)).toBeNull();
    const shared = await executeAction(t.db, counselor, shareSummarySpec, shareSummary, { clientId, from: addDays(today, -90), to: today }, testMeta);
    expect(shared.kind).toBe("ok");
    expect((await portalSummaryFor(t.db, clientHolder))?.notice).toContain("not validated");
    await t.db.insert(consents).values({ organisationId: counselor.organisationId, clientId, contactId: contact!.id, scope: "attendance_only", validFrom: addDays(today, -1), recordedBy: counselor.userId });
    expect(await portalSummaryFor(t.db, holder)).toBeNull();
    await t.db.insert(consents).values({ organisationId: counselor.organisationId, clientId, contactId: contact!.id, scope: "progress_summaries", validFrom: addDays(today, -1), recordedBy: counselor.userId });
    expect((await portalSummaryFor(t.db, holder))?.checkins.length).toBeGreaterThan(0);
    const outsider = await executeAction(t.db, actors["counselor3"]!, shareSummarySpec, shareSummary, { clientId, from: addDays(today, -90), to: today }, testMeta);
    expect(outsider.kind).toBe("not_found");
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "report.summary_share"));
    expect(events).toHaveLength(1);
  });
});
