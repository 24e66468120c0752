import type { Actor } from "@/auth/actor";
import type { TestDatabase } from "@/lib/testing/db";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { instrumentVersions } from "@/checkins/instruments";
import { getClientForActor } from "@/clients/queries";
import { answerText } from "@/checkins/answers";
import { formatWhen } from "@/checkins/format";
import { auditEvents, checkinAdministrations, criticalAlerts, expectedRecoveryFits, organisations } from "@/db/schema";
import type { AnswerValue } from "@/instruments/fhir-schema";
import type { CurveFit } from "@/outcomes/expected-recovery/model";
import { clearExpectedRecoveryCache } from "@/outcomes/expected-recovery/store";
import { EXPECTED_BAND_LEGEND, NOT_ON_TRACK_DEFINITION } from "@/outcomes/expected-recovery/words";
import { rciSourceText } from "@/outcomes/rci-source";
import { NUMBNESS_URL } from "@/outcomes/team";
import { verdictLabels } from "@/outcomes/verdict";
import { addDays } from "@/lib/local-date";
import { testMeta } from "@/lib/testing/fixtures";
import { renderProgressReportPdf } from "./pdf/render";
import { progressReportData } from "./progress-data";
import { today, exportsFixture } from "./testing/exports-fixture";

// The PDF progress report: what it states, its charts and its paper size.

const fixture = exportsFixture();
let t: TestDatabase;
let actors: Record<string, Actor>;
let clientId: string;
beforeAll(() => ({ t, actors, clientId } = fixture));

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
