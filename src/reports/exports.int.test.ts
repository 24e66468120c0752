import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Bundle, FhirResource, Practitioner, QuestionnaireResponse, RelatedPerson } from "fhir/r4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { instrumentVersions } from "@/checkins/instruments";
import { getClientForActor } from "@/clients/queries";
import { answerText } from "@/checkins/answers";
import { formatWhen } from "@/checkins/format";
import { assignments, auditEvents, checkinAdministrations, clients, consents, criticalAlerts, exerciseEntries, expectedRecoveryFits, organisations, supportContacts, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { parseCsv } from "@/lib/csv";
import type { CurveFit } from "@/outcomes/expected-recovery/model";
import { clearExpectedRecoveryCache } from "@/outcomes/expected-recovery/store";
import { EXPECTED_BAND_LEGEND, NOT_ON_TRACK_DEFINITION } from "@/outcomes/expected-recovery/words";
import { rciSourceText } from "@/outcomes/rci-source";
import { NUMBNESS_URL } from "@/outcomes/team";
import { verdictLabels } from "@/outcomes/verdict";
import { addDays } from "@/lib/local-date";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import { todayIn } from "@/lib/zod-fields";
import { demoActors } from "@/notes/testing";
import { caseloadCsvBatch, caseloadCsvLines, caseloadRowCount, CASELOAD_CSV_HEADER } from "./caseload-csv";
import { CHECKIN_CSV_FIXED, EXERCISE_CSV_FIXED } from "./client-csv";
import { CLIENT_FORMATS, caseloadExportResponse, clientExportResponse } from "./exports";
import { LIMITS, recordLimiterEvent } from "@/lib/limiter";
import { renderProgressReportPdf } from "./pdf/render";
import { progressReportData } from "./progress-data";
import { fhirR4Errors, unresolvedReferences } from "./testing/fhir-r4-validator";
import { rowsOf } from "@/db/client";

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
afterAll(async () => {
  // Reports start background refits of curves never fitted; let them end before the database does.
  await clearExpectedRecoveryCache();
  await t?.close();
});

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
    const client = (await getClientForActor(t.db, actor, clientId))!;
    const data = await progressReportData(t.db, actor, client, { from: addDays(today, -180), to: today }, { includeNotes: true });
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
  }, 120_000);
});

/** Renders the report and reads each page's text back with poppler's pdftotext (and the file, for -bbox). */
async function readPdf(data: Awaited<ReturnType<typeof progressReportData>>, check: (pages: string[], file: string) => void | Promise<void>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "attune-pdf-"));
  try {
    const file = path.join(dir, "report.pdf");
    writeFileSync(file, await renderProgressReportPdf(data));
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
    const pages = Array.from({ length: count }, (_, i) => execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }).replace(/\s+/g, " "));
    if (process.env.KEEP_PDF) execFileSync("cp", [file, `${process.env.KEEP_PDF}-${pages.length}.pdf`]);
    await check(pages, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the PDF states critical answers in words", () => {
  it("names the open alert's item, answer, date and status on page 1, and who acknowledged the earlier one with their note", async () => {
    const actor = actors["counselor"]!;
    const [open] = await t.db.select().from(criticalAlerts).where(and(isNull(criticalAlerts.acknowledgedAt), eq(criticalAlerts.organisationId, actor.organisationId)));
    const client = (await getClientForActor(t.db, actor, open!.clientId))!;
    expect(client, "the demo's open alert belongs to counselor@'s client").toBeTruthy();
    const data = await progressReportData(t.db, actor, client, { from: addDays(today, -180), to: today }, { includeNotes: false });
    const [administration] = await t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.id, open!.administrationId));
    const instrument = (await instrumentVersions(t.db, actor.organisationId, [])).get(`${administration!.instrumentUrl}|${administration!.instrumentVersion}`)!;
    const item = instrument.items.find((i) => i.linkId === open!.linkId)!;
    const answer = answerText(item, (administration!.answers as Record<string, AnswerValue>)[open!.linkId]);
    const acknowledged = await t.db.select().from(criticalAlerts).where(and(eq(criticalAlerts.clientId, client.id), sql`${criticalAlerts.acknowledgedAt} is not null`));
    expect(acknowledged.length).toBeGreaterThan(0);
    await readPdf(data, (pages) => {
      const first = pages[0]!;
      expect(first).toContain("1 open alert, not acknowledged");
      expect(first).toContain("Open, unacknowledged:");
      expect(first).toContain(item.text);
      expect(first).toContain(`Answer: “${answer}”`);
      expect(first).toContain(formatWhen(open!.raisedAt.toISOString(), client.timeZone));
      // Near the top: before the scores table.
      expect(first.indexOf("open alert")).toBeLessThan(first.indexOf("Check-in scores"));
      expect(first).toContain(`Acknowledged by ${actor.name} on ${formatWhen(acknowledged[0]!.acknowledgedAt!.toISOString(), client.timeZone)}`);
      expect(first).toContain(acknowledged[0]!.acknowledgementNote!);
    });
  }, 120_000);
});

describe("every verdict in the PDF names its parameter source", () => {
  it("prints beside each verdict whether r and SD are this organisation's baselines or the file's provisional values", async () => {
    const actor = actors["counselor"]!;
    const client = (await getClientForActor(t.db, actor, clientId))!;
    const data = await progressReportData(t.db, actor, client, { from: addDays(today, -180), to: today }, { includeNotes: false });
    const judged = data.indicators.filter((i) => i.change);
    expect(judged.length).toBeGreaterThanOrEqual(3);
    // The demo has both kinds: enough baselines for the weekly check-ins, too few for the monthly profile.
    expect(new Set(judged.map((i) => i.rci!.source))).toEqual(new Set(["organisation", "instrument"]));
    await readPdf(data, (pages) => {
      const all = pages.join(" ");
      for (const i of judged) {
        // The verdict's own cell: its index and, on the next line, where r and SD come from.
        expect(all, i.title).toContain(`RCI ${i.change!.rci.toFixed(2)} (${i.change!.reliable ? "reliable" : "not reliable"}, |RCI| ≥ 1.96) ${rciSourceText(i.rci!)}`);
        expect(all).toContain(verdictLabels[i.change!.verdict]);
      }
      expect(all.match(/\|RCI\| ≥ 1\.96\) r and SD/g)?.length).toBe(judged.length);
      expect(all).toContain("r and SD from this organisation's");
      expect(all).toContain("r and SD: the instrument file's provisional values");
    });
  }, 120_000);
});

describe("the PDF's charts", () => {
  it("keep every word inside the page, write four-digit years and end the time axis at the period's end", async () => {
    const actor = actors["counselor"]!;
    const client = (await getClientForActor(t.db, actor, clientId))!;
    // A period that ended a while ago: nothing after its end may be drawn.
    const end = addDays(today, -20);
    const data = await progressReportData(t.db, actor, client, { from: addDays(end, -120), to: end }, { includeNotes: false });
    expect(data.markers.some((m) => m.day > end) || data.indicators.some((i) => i.series?.points.some((p) => p.day > end))).toBe(false);
    await readPdf(data, (pages, file) => {
      const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
      const outside: string[] = [];
      for (const page of html.split("<page ").slice(1)) {
        const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
        for (const m of page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
          const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
          // Inside the page margins (44 points), where the chart boxes end: a label past them is cut off.
          if (x0 < 43.5 || y0 < 0 || x1 > Number(w) - 43.5 || y1 > Number(h)) outside.push(`${m[5]} (${x0}–${x1})`);
        }
      }
      expect(outside).toEqual([]);
      // Every date on the pages but the day it was prepared (and the current curve's): chart ticks, scores, assignments.
      // The expected recovery curve in use is named by the day it was fitted, which may be after the period, like the day of preparing.
      const all = pages.join(" ").replace(/Prepared \w{3} \d{1,2}, \d{4}/, "").replace(/Curve fitted \w{3} \d{1,2}, \d{4}/g, "");
      const ticks = [...all.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d+)\b/g)];
      expect(ticks.length).toBeGreaterThan(5);
      expect(ticks.filter((t) => t[3]!.length !== 4).map((t) => t[0])).toEqual([]);
      // No date on the page (tick or otherwise) lies after the period's end.
      const last = ticks.map((t) => new Date(`${t[0]} 12:00 UTC`).toISOString().slice(0, 10)).sort().at(-1)!;
      expect(last <= end, `${last} after ${end}`).toBe(true);
    });
  }, 120_000);
});

describe("the expected recovery band in the PDF", () => {
  it("draws the band for the client's baseline behind the numbness scores and prints the not-on-track verdict, its strength and its definition", async () => {
    const actor = actors["counselor"]!;
    const client = (await getClientForActor(t.db, actor, clientId))!;
    const [latest] = await t.db
      .select({ total: checkinAdministrations.total })
      .from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.clientId, clientId), eq(checkinAdministrations.instrumentUrl, NUMBNESS_URL), isNull(checkinAdministrations.contactId), sql`${checkinAdministrations.status} <> 'invalid'`))
      .orderBy(sql`${checkinAdministrations.administeredAt} desc`)
      .limit(1);
    // A flat curve with SD 1, centred 3 points better than the client's latest score: its worse
    // edge (the 90th percentile, higher is worse) lies 1.28 below it, so 3 − 1.2816 = 1.7 SD beyond.
    const centre = Number(latest!.total) - 3;
    const zero = [0, 0, 0, 0];
    const fit: CurveFit = {
      beta: [centre, 0, 0, 0], betaCovariance: [zero, zero, zero, zero], randomCovariance: [[0, 0], [0, 0]], residualVariance: 1, centre,
      baselineRange: [0, 100], horizonWeeks: 520, nClients: 100, nScores: 1000, reml: 0, converged: true,
    };
    await clearExpectedRecoveryCache();
    const [row] = await t.db
      .insert(expectedRecoveryFits)
      .values({ organisationId: actor.organisationId, instrumentUrl: NUMBNESS_URL, instrumentVersion: "1.0.0", fittedAt: new Date(Date.now() + 60_000), dataCutoff: new Date(), parameters: fit, nClients: 100, nScores: 1000, durationMs: 1, trigger: "admin" })
      .returning({ id: expectedRecoveryFits.id });
    try {
      const data = await progressReportData(t.db, actor, client, { from: addDays(today, -180), to: today }, { includeNotes: false });
      const numbness = data.indicators.find((i) => i.url === NUMBNESS_URL)!;
      expect(numbness.expected?.fitId).toBe(row!.id);
      expect(numbness.expected?.track, JSON.stringify([numbness.expected, numbness.baseline, numbness.latest])).toMatchObject({ status: "not_on_track" });
      // Weekly points inside the charted days, each the flat curve's 10th and 90th percentiles.
      const points = numbness.expected!.points;
      expect(points.length).toBeGreaterThan(10);
      expect(points[0]!.day >= numbness.series!.points[0]!.day && points.at(-1)!.day <= numbness.series!.points.at(-1)!.day).toBe(true);
      for (const p of points) expect([p.low, p.high]).toEqual([expect.closeTo(centre - 1.2816, 3), expect.closeTo(centre + 1.2816, 3)]);
      await readPdf(data, (pages, file) => {
        const all = pages.join(" ");
        expect(all).toContain(EXPECTED_BAND_LEGEND);
        expect(all).toContain("Not on track: the latest score is 1.7 SD beyond the band on the worse side.");
        expect(all).toContain(NOT_ON_TRACK_DEFINITION);
        // The band's edges are named on the chart, the 90th percentile above the 10th.
        const words = [...execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" }).matchAll(/yMin="([\d.]+)"[^>]*>(90th|10th)<\/word>/g)].map((m) => ({ y: Number(m[1]), word: m[2] }));
        const high = words.filter((w) => w.word === "90th");
        const low = words.filter((w) => w.word === "10th");
        expect(high.length).toBeGreaterThanOrEqual(1);
        expect(low.length).toBe(high.length);
        expect(high[0]!.y).toBeLessThan(low[0]!.y);
      });
    } finally {
      await t.db.delete(expectedRecoveryFits).where(eq(expectedRecoveryFits.id, row!.id));
      await clearExpectedRecoveryCache();
    }
  }, 120_000);
});

describe("paper size", () => {
  it("lays reports out on Letter unless the organisation's administrator chooses A4; no one else may choose", async () => {
    const { executeAction } = await import("@/lib/action-core");
    const { setPaperSize, setPaperSizeSpec } = await import("./paper-size");
    const counselor = actors["counselor"]!;
    const client = (await getClientForActor(t.db, counselor, clientId))!;
    const size = async () => {
      const data = await progressReportData(t.db, counselor, client, { from: addDays(today, -30), to: today }, { includeNotes: false });
      let out = "";
      await readPdf(data, (_pages, file) => {
        out = /Page size:\s+(.*)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]!;
      });
      return out;
    };
    expect(await size()).toContain("612 x 792 pts (letter)");
    expect(await executeAction(t.db, counselor, setPaperSizeSpec, setPaperSize, { paperSize: "a4" }, testMeta)).toEqual({ kind: "not_found" });
    expect(await executeAction(t.db, actors["admin"]!, setPaperSizeSpec, setPaperSize, { paperSize: "tabloid" }, testMeta)).toMatchObject({ kind: "invalid" });
    expect(await executeAction(t.db, actors["admin"]!, setPaperSizeSpec, setPaperSize, { paperSize: "a4" }, testMeta)).toMatchObject({ kind: "ok" });
    try {
      expect(await size()).toContain("595.28 x 841.89 pts (A4)");
      const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "organisation.paper_size"));
      expect(event).toMatchObject({ actorUserId: actors["admin"]!.userId, detail: { paperSize: "a4" } });
      // Another organisation keeps its own choice.
      const other = actors["other-org"]!;
      const [org] = await t.db.select({ paperSize: organisations.paperSize }).from(organisations).where(eq(organisations.id, other.organisationId));
      expect(org!.paperSize).toBe("letter");
    } finally {
      await t.db.update(organisations).set({ paperSize: "letter" }).where(eq(organisations.id, counselor.organisationId));
    }
  }, 120_000);
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
  it("validates against the official FHIR R4 schema, resolves every reference and derives each score from its response", async () => {
    const response = await clientExportResponse(t.db, actors["counselor"]!, clientId, "fhir", year, testMeta);
    expect(response.headers.get("Content-Type")).toContain("application/fhir+json");
    const bundle = JSON.parse(await response.text()) as Bundle;
    expect(fhirR4Errors(bundle)).toEqual([]);
    expect(unresolvedReferences(bundle)).toEqual([]);
    const resources = (bundle.entry ?? []).map((e) => e.resource as FhirResource);
    expect(resources.filter((r) => r.resourceType === "Patient")).toHaveLength(1);
    const responses = resources.filter((r) => r.resourceType === "QuestionnaireResponse");
    const all = await t.db.select({ n: count() }).from(checkinAdministrations).where(and(eq(checkinAdministrations.clientId, clientId), sql`${checkinAdministrations.administeredAt} >= ${addDays(today, -366)}::date`));
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.length).toBeLessThanOrEqual(Number(all[0]!.n));
    for (const o of resources) {
      if (o.resourceType !== "Observation") continue;
      expect(responses.some((q) => `urn:uuid:${q.id}` === o.derivedFrom![0]!.reference)).toBe(true);
    }
    expect(bundle.meta?.security?.some((s) => s.code === "42CFRPart2")).toBe(true);
  }, 120_000);

  it("refuses what FHIR R4 does not allow: the schema is the real one, not a stand-in", () => {
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "Patient", id: "a" } }] })).toEqual([]);
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "Patient", id: "a", nickname: "x" } }] })).not.toEqual([]);
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "QuestionnaireResponse", status: "done" } }] })).not.toEqual([]);
    // Medplum's own Meta fields are not FHIR.
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", meta: { project: "x" } })).not.toEqual([]);
  }, 120_000);

  it("names who answered: the rating counselor for the clinician-rated profile, a family member for their own check-ins", async () => {
    const actor = actors["counselor"]!;
    const response = await clientExportResponse(t.db, actor, clientId, "fhir", year, testMeta);
    const bundle = JSON.parse(await response.text()) as Bundle;
    const byUrl = new Map((bundle.entry ?? []).map((e) => [e.fullUrl!, e.resource as FhirResource]));
    const responses = [...byUrl.values()].filter((r): r is QuestionnaireResponse => r.resourceType === "QuestionnaireResponse");
    const resolve = (reference: string | undefined) => byUrl.get(reference ?? "");

    const rated = responses.filter((q) => q.questionnaire!.includes("attune-detachment-profile"));
    expect(rated.length).toBeGreaterThan(0);
    for (const q of rated) {
      const source = resolve(q.source?.reference);
      expect(source?.resourceType).toBe("Practitioner");
      expect(q.author?.reference).toBe(q.source?.reference);
      expect(q.subject?.reference).toBe(`urn:uuid:${clientId}`);
    }
    const [administration] = await t.db.select({ by: checkinAdministrations.administeredBy }).from(checkinAdministrations).where(eq(checkinAdministrations.id, rated[0]!.id!));
    const [rater] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, administration!.by!));
    expect((resolve(rated[0]!.source!.reference) as Practitioner).name![0]!.text).toBe(rater!.name);

    const own = responses.filter((q) => q.questionnaire!.includes("attune-numbness"));
    expect(own.every((q) => resolve(q.source?.reference)?.resourceType === "Patient")).toBe(true);

    // A family member's check-ins: in the Bundle as their own responses, not left out.
    const familyCheckins = await t.db.select({ id: checkinAdministrations.id, contactId: checkinAdministrations.contactId }).from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.clientId, clientId), sql`${checkinAdministrations.contactId} is not null`, sql`${checkinAdministrations.administeredAt} >= ${addDays(today, -364)}::date`));
    expect(familyCheckins.length).toBeGreaterThan(0);
    for (const f of familyCheckins) {
      const q = responses.find((r) => r.id === f.id)!;
      expect(q, "the family check-in is in the Bundle").toBeTruthy();
      const source = resolve(q.source?.reference) as RelatedPerson;
      expect(source.resourceType).toBe("RelatedPerson");
      expect(source.id).toBe(f.contactId);
      expect(source.patient.reference).toBe(`urn:uuid:${clientId}`);
    }
  }, 120_000);
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a person's allowance in the window is spent, counted in the database", async () => {
    const actor = actors["counselor2"]!;
    const sharedClient = (await t.db.select({ id: clients.id }).from(clients).where(eq(clients.primaryCounselorId, actor.userId)).limit(1))[0]!.id;
    // The allowance is counted on the limiter ledger, not in this process: spend all but one of it there.
    const slots = async () => rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from limiter_events where kind = 'export' and key = ${actor.userId}`))[0]!.n;
    const already = await slots();
    for (let i = already; i < LIMITS.export.max - 1; i++) await recordLimiterEvent(t.db, { kind: "export", key: actor.userId });
    const before = await exportsBy(actor);
    expect((await clientExportResponse(t.db, actor, sharedClient, "checkins-csv", year, testMeta)).status).toBe(200);
    expect(await exportsBy(actor)).toBe(before + 1);
    const response = await clientExportResponse(t.db, actor, sharedClient, "checkins-csv", year, testMeta);
    expect(response.status).toBe(429);
    const retry = Number(response.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(LIMITS.export.windowSeconds);
    // A refused export writes no audit event and takes no slot.
    expect(await exportsBy(actor)).toBe(before + 1);
    expect(await slots()).toBe(LIMITS.export.max);
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
