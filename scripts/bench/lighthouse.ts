import { existsSync } from "node:fs";
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
export async function benchLighthouse(base: string, sql: postgres.Sql, who: { counselor: string; director: string; password: string }): Promise<LighthouseResult[]> {
  if (!existsSync(CHROMIUM)) return [{ page: "all", blocked: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` }];
  const [typical] = await sql<{ id: string }[]>`select id from clients where record_number = 'L-100001' and organisation_id = (select organisation_id from users where lower(email) = ${who.counselor})`;
  const [busiest] = await sql<{ id: string }[]>`select id from clients where record_number = 'L-100000' and organisation_id = (select organisation_id from users where lower(email) = ${who.counselor})`;
  const counselor = await signIn(base, who.counselor, who.password);
  const director = await signIn(base, who.director, who.password);
  const out: LighthouseResult[] = [];
  for (const [label, path, cookie] of [
    ["caseload", "/caseload", counselor],
    ["roster", "/clients", director],
    ["trends (typical client)", `/clients/${typical!.id}/trends`, counselor],
  ] as const) {
    try {
      out.push(await audit(`${base}${path}`, cookie, label));
    } catch (e) {
      out.push({ page: label, blocked: `Lighthouse failed: ${(e as Error).message.split("\n")[0]}` });
    }
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((f) => f !== "--headless=new") });
  try {
    const context = await browser.newContext();
    // The session cookie as a header on every request (Playwright's addCookies refuses a
    // __Host- cookie given this way), like Lighthouse's extraHeaders above.
    const page = await context.newPage();
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
    await page.goto(`${base}/clients/${typical!.id}/trends`, { waitUntil: "networkidle" });
    out.push(
      await timed(
        page,
        "trends: switch range to 3 months",
        () => page.getByRole("link", { name: "3 months" }).click(),
        () => page.getByRole("link", { name: "3 months", exact: true }).and(page.locator('[aria-current="page"]')).waitFor(),
      ),
    );
    await page.goto(`${base}/clients/${busiest!.id}/notes`, { waitUntil: "networkidle" });
    const first = page.locator('a[href*="/notes/"]').filter({ hasNotText: /write/i }).first();
    out.push(await timed(page, "notes: open a note", () => first.click(), () => page.waitForURL(/\/notes\/[0-9a-f-]{36}$/)));
  } catch (e) {
    out.push({ page: "flow", blocked: `scripted flow failed: ${(e as Error).message.split("\n")[0]}` });
  } finally {
    await browser.close();
  }
  return out;
}
