import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import type postgres from "postgres";
import { signIn } from "./server";

export interface LighthouseResult {
  page: string;
  performance?: number;
  accessibility?: number;
  jsKB?: number;
  interaction?: string;
  /** The slowest event's duration (Event Timing: input delay, handlers and the next paint). */
  interactionMs?: number;
  /** From the click to the updated view on screen (includes the server round trip). */
  updatedMs?: number;
  blocked?: string;
  /** Each run's performance score, when there were several. */
  runs?: number[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

async function audit(url: string, cookie: string, label: string): Promise<LighthouseResult> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: { cookie } }, desktopConfig);
    const lhr = result?.lhr;
    if (!lhr) return { page: label, blocked: "Lighthouse returned no report" };
    if (lhr.runtimeError) return { page: label, blocked: `Lighthouse: ${lhr.runtimeError.message}` };
    // The whole report, to see which audits cost points: LIGHTHOUSE_REPORTS=<dir>.
    if (process.env.LIGHTHOUSE_REPORTS) (await import("node:fs")).writeFileSync(`${process.env.LIGHTHOUSE_REPORTS}/${label.split(" ")[0]}.json`, JSON.stringify(lhr));
    const summary = lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined;
    const script = summary?.items?.find((i) => i.resourceType === "script");
    return {
      page: label,
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      jsKB: script ? script.transferSize / 1024 : undefined,
    };
  } finally {
    await chrome.kill();
  }
}

/** Watches Event Timing entries in the page; `worst()` gives the slowest since the last call. */
async function watchEvents(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __worst: number };
    w.__worst = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__worst = Math.max(w.__worst, e.duration);
    }).observe({ type: "event", buffered: false, durationThreshold: 16 } as PerformanceObserverInit);
  });
  return async () => {
    // Event Timing reports after the next paint; give it a frame or two.
    await page.waitForTimeout(300);
    return page.evaluate(() => {
      const w = window as unknown as { __worst: number };
      const worst = w.__worst;
      w.__worst = 0;
      return worst;
    });
  };
}

async function timed(page: Page, label: string, act: () => Promise<unknown>, done: () => Promise<unknown>): Promise<LighthouseResult> {
  const worst = await watchEvents(page);
  const t0 = performance.now();
  await act();
  await done();
  const updatedMs = performance.now() - t0;
  // Event Timing has 8 ms granularity and only reports events over 16 ms: nothing means under 16.
  const interactionMs = Math.max(await worst(), 0);
  return { page: label.split(":")[0]!, interaction: label.split(": ")[1], interactionMs: interactionMs || 16, updatedMs };
}

/**
 * Lighthouse 12.8 (desktop preset) on the caseload, roster and trends pages, signed in by the
 * session cookie; then a scripted flow in Chromium (Playwright): sort the roster, filter it,
 * switch a chart's range, open a note.
 */
export interface LighthouseWho {
  counselor: string;
  director: string;
  password: string;
  /** Record numbers of a typical client (trends) and one with many notes; the large set's by default. */
  typical?: string;
  busiest?: string;
  /** Only these of caseload, roster, trends and flow (all by default). */
  pages?: string[];
  /** Lighthouse runs per page; the median score is kept. */
  runs?: number;
}

/** A client's id by its record number: from the database when given, else from the roster's search as that user sees it. */
async function clientId(base: string, sql: postgres.Sql | null, cookie: string, counselorEmail: string, record: string): Promise<string> {
  if (sql) {
    const [row] = await sql<{ id: string }[]>`select id from clients where record_number = ${record} and organisation_id = (select organisation_id from users where lower(email) = ${counselorEmail})`;
    if (row) return row.id;
  } else {
    const html = await (await fetch(`${base}/clients?q=${encodeURIComponent(record)}`, { headers: { cookie } })).text();
    const id = /href="\/clients\/([0-9a-f-]{36})"/.exec(html)?.[1];
    if (id) return id;
  }
  throw new Error(`no client ${record} for ${counselorEmail}`);
}

export async function benchLighthouse(base: string, sql: postgres.Sql | null, who: LighthouseWho): Promise<LighthouseResult[]> {
  if (!existsSync(CHROMIUM)) return [{ page: "all", blocked: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` }];
  const counselor = await signIn(base, who.counselor, who.password);
  const director = await signIn(base, who.director, who.password);
  const typical = { id: await clientId(base, sql, counselor, who.counselor, who.typical ?? "L-100001") };
  const busiest = { id: await clientId(base, sql, counselor, who.counselor, who.busiest ?? "L-100000") };
  const out: LighthouseResult[] = [];
  const pages = [
    ["caseload", "/caseload", counselor],
    ["roster", "/clients", director],
    ["trends (typical client)", `/clients/${typical.id}/trends`, counselor],
  ] as const;
  for (const [label, path, cookie] of pages.filter(([label]) => (who.pages ? who.pages.includes(label.split(" ")[0]!) : true))) {
    try {
      // On a shared machine one run's performance score swings with the load: the median of `runs`.
      const runs: LighthouseResult[] = [];
      for (let i = 0; i < (who.runs ?? 1); i++) runs.push(await audit(`${base}${path}`, cookie, label));
      // A first load on a cold server sometimes loses the trace (NO_NAVSTART): once more.
      if (runs.every((r) => r.blocked)) runs.push(await audit(`${base}${path}`, cookie, label));
      const ok = runs.filter((r) => !r.blocked);
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      out.push(ok.length === 0 ? runs[0]! : { ...ok[0]!, performance: median(ok.map((r) => r.performance ?? 0)), accessibility: median(ok.map((r) => r.accessibility ?? 0)), ...(ok.length > 1 ? { runs: ok.map((r) => r.performance ?? 0) } : {}) });
    } catch (e) {
      out.push({ page: label, blocked: `Lighthouse failed: ${(e as Error).message.split("\n")[0]}` });
    }
  }
  if (who.pages && !who.pages.includes("flow")) return out;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((f) => f !== "--headless=new") });
  let at = "";
  try {
    const context = await browser.newContext();
    // The session cookie as a header on every request (Playwright's addCookies refuses a
    // __Host- cookie given this way), like Lighthouse's extraHeaders above.
    const page = await context.newPage();
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) at = f.url();
    });
    await context.setExtraHTTPHeaders({ cookie: director });
    await page.goto(`${base}/clients`, { waitUntil: "networkidle" });
    const startHeader = page.locator("th", { has: page.getByRole("button", { name: /start/i }) });
    out.push(await timed(page, "roster: sort by start date", () => page.getByRole("button", { name: /start/i }).click(), () => startHeader.and(page.locator('[aria-sort="ascending"]')).waitFor()));
    await page.waitForLoadState("networkidle");
    out.push(
      await timed(
        page,
        "roster: filter status active",
        () => page.getByLabel(/status/i).first().selectOption("active"),
        () => page.waitForURL(/status=active/),
      ),
    );
    await page.waitForLoadState("networkidle");

    await context.setExtraHTTPHeaders({ cookie: counselor });
    await page.goto(`${base}/clients/${typical.id}/trends`, { waitUntil: "networkidle" });
    out.push(
      await timed(
        page,
        "trends: switch range to 3 months",
        () => page.getByRole("link", { name: "3 months" }).click(),
        () => page.getByRole("link", { name: "3 months", exact: true }).and(page.locator('[aria-current="page"]')).waitFor(),
      ),
    );
    await page.goto(`${base}/clients/${busiest.id}/notes`, { waitUntil: "networkidle" });
    // The client's own notes (the navigation also links to /notes/cosign).
    const first = page.locator(`a[href^="/clients/${busiest.id}/notes/"]`).filter({ hasNotText: /write/i }).first();
    out.push(await timed(page, "notes: open a note", () => first.click(), () => page.waitForURL(/\/notes\/[0-9a-f-]{36}$/)));
  } catch (e) {
    out.push({ page: "flow", blocked: `scripted flow failed at ${at}: ${(e as Error).message.split("\n")[0]}` });
  } finally {
    await browser.close();
  }
  return out;
}

// On its own, against a running server (the demo data by default):
//   npx tsx scripts/bench/lighthouse.ts --base http://127.0.0.1:3000 [--counselor counselor@attune.demo]
//     [--director supervisor@attune.demo] [--password attune-demo] [--typical RRC-1004] [--busiest RRC-1004] [--json out.json]
//     [--only caseload,roster,trends,flow] [--runs 5]
//   LIGHTHOUSE_REPORTS=<dir> also writes each page's whole Lighthouse report there.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      base: { type: "string", default: "http://127.0.0.1:3000" },
      counselor: { type: "string", default: "counselor@attune.demo" },
      director: { type: "string", default: "supervisor@attune.demo" },
      password: { type: "string", default: process.env.DEMO_PASSWORD ?? "attune-demo" },
      typical: { type: "string", default: "RRC-1004" },
      busiest: { type: "string", default: "RRC-1004" },
      json: { type: "string" },
      only: { type: "string" },
      runs: { type: "string", default: "1" },
    },
  });
  const results = await benchLighthouse(values.base, null, { counselor: values.counselor, director: values.director, password: values.password, typical: values.typical, busiest: values.busiest, pages: values.only?.split(","), runs: Number(values.runs) });
  for (const r of results) {
    if (r.blocked) console.log(`${r.page}: blocked: ${r.blocked}`);
    else if (r.interaction) console.log(`${r.page}: ${r.interaction}: interaction ${Math.round(r.interactionMs ?? 0)} ms, updated in ${Math.round(r.updatedMs ?? 0)} ms`);
    else console.log(`${r.page}: performance ${r.performance}${r.runs ? ` (median of ${r.runs.join(", ")})` : ""}, accessibility ${r.accessibility}, JS ${r.jsKB?.toFixed(1)} KB`);
  }
  if (values.json) (await import("node:fs")).writeFileSync(values.json, JSON.stringify(results, null, 2));
}
