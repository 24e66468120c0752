import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Bundle, FhirResource } from "fhir/r4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { instrumentVersions } from "@/checkins/instruments";
import { getClientForActor } from "@/clients/queries";
import { assignments, auditEvents, checkinAdministrations, clients, consents, exerciseEntries, supportContacts } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { parseCsv } from "@/lib/csv";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import { todayIn } from "@/lib/zod-fields";
import { demoActors } from "@/notes/testing";
import { caseloadCsvLines, caseloadRowCount, CASELOAD_CSV_HEADER } from "./caseload-csv";
import { CHECKIN_CSV_FIXED, EXERCISE_CSV_FIXED } from "./client-csv";
import { CLIENT_FORMATS, caseloadExportResponse, clientExportResponse, EXPORT_LIMIT } from "./exports";
import { renderProgressReportPdf } from "./pdf/render";
import { progressReportData } from "./progress-data";
import { checkinBundleSchema, unresolvedReferences } from "./testing/fhir-bundle-schema";

let t: TestDatabase;
let actors: Record<string, Actor>;
let clientId: string;
let timeZone: string;
const today = todayIn("America/New_York");
const year = new URLSearchParams({ from: addDays(today, -365), to: today });

const exportsBy = async (actor: Actor) =>
  Number((await t.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, "report.export"))))[0]!.n);
const text = async (r: Response) => (await r.text()).replace(/^\uFEFF/, "");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "unused-here" });
  actors = await demoActors(t.db);
  // The demo's first client of counselor@: a year of check-ins, exercises, family sessions.
  const [row] = await t.db.select({ id: clients.id, tz: clients.timeZone }).from(clients).where(eq(clients.recordNumber, "RRC-1001"));
  clientId = row!.id;
  timeZone = row!.tz;
}, 120_000);
afterAll(async () => t?.close());

describe("who may export a client's record", () => {
  it("answers 404 and writes nothing for another counselor's client, another organisation, an administrator and no session", async () => {
    const outsiders = [actors["counselor3"]!, actors["other-org"]!, actors["admin"]!];
    for (const format of CLIENT_FORMATS) {
      for (const actor of [...outsiders, null]) {
        const response = await clientExportResponse(t.db, actor, clientId, format, year, testMeta);
        expect(response.status, `${format} for ${actor?.email ?? "nobody"}`).toBe(404);
      }
    }
    for (const actor of outsiders) expect(await exportsBy(actor)).toBe(0);
    const [{ n }] = (await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "report.export"))) as [{ n: number }];
    expect(Number(n)).toBe(0);
    // A malformed id and an unknown format look the same as a forbidden client.
    expect((await clientExportResponse(t.db, actors["counselor"]!, "not-a-uuid", "pdf", year, testMeta)).status).toBe(404);
    expect((await clientExportResponse(t.db, actors["counselor"]!, clientId, "xlsx", year, testMeta)).status).toBe(404);
  });

  it("lets the counselor and their supervisor export, each export an audit event with format and period", async () => {
    for (const actor of [actors["counselor"]!, actors["supervisor"]!]) {
      const before = await exportsBy(actor);
      const response = await clientExportResponse(t.db, actor, clientId, "fhir", year, testMeta);
      expect(response.status).toBe(200);
      await response.text();
      expect(await exportsBy(actor)).toBe(before + 1);
    }
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "report.export"), eq(auditEvents.actorUserId, actors["counselor"]!.userId)));
    expect(event).toMatchObject({ clientId, entityType: "client", entityId: clientId, ip: testMeta.ip, detail: { format: "fhir", from: year.get("from"), to: year.get("to") } });
  });

  it("refuses a reversed or malformed period with 400", async () => {
    const response = await clientExportResponse(t.db, actors["counselor"]!, clientId, "pdf", new URLSearchParams({ from: today, to: addDays(today, -3) }), testMeta);
    expect(response.status).toBe(400);
  });
});

describe("the PDF progress report", () => {
  it("carries the redisclosure notice and page numbers on every page, and the scores", async () => {
    const actor = actors["counselor"]!;
    const client = (await getClientForActor(actor, clientId))!;
    const data = await progressReportData(actor, client, { from: addDays(today, -180), to: today }, { includeNotes: true, db: t.db });
    const timings: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      pdf = await renderProgressReportPdf(data);
      timings.push(Math.round(performance.now() - started));
    }
    // The first render loads the fonts; later ones are what a running server pays.
    console.log(`PDF progress report (${data.notes?.length} notes, ${pdf.length} bytes): first ${timings[0]} ms, then ${timings.slice(1).join(" ms, ")} ms`);
    const dir = mkdtempSync(path.join(os.tmpdir(), "attune-pdf-"));
    try {
      const file = path.join(dir, "report.pdf");
      writeFileSync(file, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
      expect(pages).toBeGreaterThan(1);
      const pageText = (n: number) => execFileSync("pdftotext", ["-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      for (let n = 1; n <= pages; n++) {
        const page = pageText(n);
        expect(page, `page ${n}`).toContain("protected by federal confidentiality rules for substance use disorder treatment records (42 CFR Part 2)");
        expect(page, `page ${n}`).toContain("may not be disclosed further without the written consent");
        expect(page, `page ${n}`).toContain(`Page ${n} of ${pages}`);
      }
      const all = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      expect(all).toContain(client.recordNumber);
      expect(all).toContain("Riverside Recovery Collective");
      const numbness = data.indicators.find((i) => i.url.endsWith("attune-numbness"))!;
      const [latest] = await t.db
        .select({ total: checkinAdministrations.total, band: checkinAdministrations.bandLabel })
        .from(checkinAdministrations)
        .where(and(eq(checkinAdministrations.clientId, clientId), eq(checkinAdministrations.instrumentUrl, numbness.url), isNull(checkinAdministrations.contactId)))
        .orderBy(sql`${checkinAdministrations.administeredAt} desc`)
        .limit(1);
      expect(all).toContain(`${latest!.total} · ${latest!.band}`);
      expect(all).toContain(`${numbness.baseline!.total} · ${numbness.baseline!.band}`);
      expect(all).toContain(`RCI ${numbness.change!.rci.toFixed(2)}`);
      expect(all).toMatch(/Improved|Recovered|No reliable change|Deteriorated/);
      expect(all).toContain("Signed session notes");
      expect(all).toContain("Attendance");
      expect(all).toContain("Family support");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("CSV exports", () => {
  it("parse back to the stored check-in answers, one row per administration", async () => {
    const actor = actors["counselor"]!;
    const all = new URLSearchParams({ from: addDays(today, -1000), to: today });
    const rows = parseCsv(await text(await clientExportResponse(t.db, actor, clientId, "checkins-csv", all, testMeta)));
    const [header, ...body] = rows;
    expect(header!.slice(0, CHECKIN_CSV_FIXED.length)).toEqual([...CHECKIN_CSV_FIXED]);
    const stored = await t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.clientId, clientId)).orderBy(asc(checkinAdministrations.administeredAt));
    expect(body.length).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(10);
    const instruments = await instrumentVersions(t.db, actor.organisationId, stored.map((s) => ({ url: s.instrumentUrl, version: s.instrumentVersion })));
    for (const row of body) {
      const cell = (name: string) => row[header!.indexOf(name)]!;
      const administration = stored.find((s) => s.id === cell("administration_id"))!;
      const instrument = instruments.get(`${administration.instrumentUrl}|${administration.instrumentVersion}`)!;
      const answers: Record<string, AnswerValue> = {};
      for (const item of instrument.items) {
        const raw = header!.includes(`${instrument.id}/${item.linkId}`) ? cell(`${instrument.id}/${item.linkId}`) : "";
        if (raw === "") continue;
        const value = raw.replace(/^'(?=[=+\-@\t\r])/, "");
        answers[item.linkId] = item.type === "choice" ? { code: value } : item.type === "boolean" ? value === "true" : item.type === "integer" || item.type === "decimal" ? Number(value) : value;
      }
      expect(answers).toEqual(administration.answers);
      expect(cell("total")).toBe(administration.total === null ? "" : String(administration.total));
      expect(cell("instrument_version")).toBe(administration.instrumentVersion);
    }
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const actor = actors["counselor"]!;
    const [assignment] = await t.db.select().from(assignments).where(and(eq(assignments.clientId, clientId), isNull(assignments.contactId))).limit(1);
    const [family] = await t.db.select().from(supportContacts).where(eq(supportContacts.clientId, clientId)).limit(1);
    await t.db.update(supportContacts).set({ name: "=cmd|' /C calc'!A0" }).where(eq(supportContacts.id, family!.id));
    const hostile = { text: '=HYPERLINK("http://evil.example","click")', plus: "+1+1", minus: "-2+3", at: "@SUM(A1)", tab: "\tindent" };
    const entryAnswers = Object.fromEntries(Object.keys((await t.db.select({ a: exerciseEntries.answers }).from(exerciseEntries).where(eq(exerciseEntries.assignmentId, assignment!.id)).limit(1))[0]?.a ?? { note: "" }).map((k, i) => [k, Object.values(hostile)[i % 5]!]));
    await t.db.insert(exerciseEntries).values({ organisationId: actor.organisationId, clientId, contactId: family!.id, assignmentId: assignment!.id, exerciseId: assignment!.exerciseId, exerciseVersion: assignment!.exerciseVersion, answers: entryAnswers, idempotencyKey: "csv-formula-test-key-1" });
    const csv = await text(await clientExportResponse(t.db, actor, clientId, "exercises-csv", new URLSearchParams({ from: addDays(today, -1), to: today }), testMeta));
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(0, EXERCISE_CSV_FIXED.length)).toEqual([...EXERCISE_CSV_FIXED]);
    const cells = rows.slice(1).flat();
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    for (const value of Object.values(entryAnswers)) expect(cells).toContain(`'${value}`);
    // No cell a spreadsheet would evaluate.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });
});

describe("the FHIR Bundle", () => {
  it("validates against the schema, resolves every reference and derives each score from its response", async () => {
    const response = await clientExportResponse(t.db, actors["counselor"]!, clientId, "fhir", year, testMeta);
    expect(response.headers.get("Content-Type")).toContain("application/fhir+json");
    const bundle = JSON.parse(await response.text()) as Bundle;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(checkinBundleSchema);
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(unresolvedReferences(bundle)).toEqual([]);
    const resources = (bundle.entry ?? []).map((e) => e.resource as FhirResource);
    expect(resources.filter((r) => r.resourceType === "Patient")).toHaveLength(1);
    const responses = resources.filter((r) => r.resourceType === "QuestionnaireResponse");
    const own = await t.db.select({ n: count() }).from(checkinAdministrations).where(and(eq(checkinAdministrations.clientId, clientId), isNull(checkinAdministrations.contactId), sql`${checkinAdministrations.administeredAt} >= ${addDays(today, -366)}::date`));
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.length).toBeLessThanOrEqual(Number(own[0]!.n));
    for (const o of resources) {
      if (o.resourceType !== "Observation") continue;
      expect(responses.some((q) => `urn:uuid:${q.id}` === o.derivedFrom![0]!.reference)).toBe(true);
    }
    expect(bundle.meta?.security?.some((s) => s.code === "42CFRPart2")).toBe(true);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a person's allowance in the window is spent, counted in the database", async () => {
    const actor = actors["counselor2"]!;
    await t.db.insert(auditEvents).values(
      Array.from({ length: EXPORT_LIMIT.count }, () => ({ organisationId: actor.organisationId, actorKind: "user" as const, actorUserId: actor.userId, action: "report.export" })),
    );
    const sharedClient = (await t.db.select({ id: clients.id }).from(clients).where(eq(clients.primaryCounselorId, actor.userId)).limit(1))[0]!.id;
    const response = await clientExportResponse(t.db, actor, sharedClient, "checkins-csv", year, testMeta);
    expect(response.status).toBe(429);
    const retry = Number(response.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(EXPORT_LIMIT.windowSeconds);
    expect(await exportsBy(actor)).toBe(EXPORT_LIMIT.count);
  });
});

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
    expect(await portalSummaryFor(clientHolder)).toBeNull();
    const shared = await executeAction(t.db, counselor, shareSummarySpec, shareSummary, { clientId, from: addDays(today, -90), to: today }, testMeta);
    expect(shared.kind).toBe("ok");
    expect((await portalSummaryFor(clientHolder))?.notice).toContain("not validated");
    await t.db.insert(consents).values({ organisationId: counselor.organisationId, clientId, contactId: contact!.id, scope: "attendance_only", validFrom: addDays(today, -1), recordedBy: counselor.userId });
    expect(await portalSummaryFor(holder)).toBeNull();
    await t.db.insert(consents).values({ organisationId: counselor.organisationId, clientId, contactId: contact!.id, scope: "progress_summaries", validFrom: addDays(today, -1), recordedBy: counselor.userId });
    expect((await portalSummaryFor(holder))?.checkins.length).toBeGreaterThan(0);
    const outsider = await executeAction(t.db, actors["counselor3"]!, shareSummarySpec, shareSummary, { clientId, from: addDays(today, -90), to: today }, testMeta);
    expect(outsider.kind).toBe("not_found");
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "report.summary_share"));
    expect(events).toHaveLength(1);
  });
});
