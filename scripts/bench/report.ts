import type { ExportResult } from "./exports";
import type { LighthouseResult } from "./lighthouse";
import type { LoadResult } from "./measure";
import { fitVerdict, type FitResult } from "./fit";
import type { MessagesResult } from "./messages";
import type { PgliteResult } from "./pglite";
import type { SignInResult } from "./sign-in";

/** One page measured by scripts/bench.ts. */
export interface PageResult {
  name: string;
  path: string;
  as: string;
  queries: number;
  sqlMs: number;
  one: LoadResult;
  ten: LoadResult;
  /** The framework floor's median at one user, measured alternating with this page, request by request (the machine is shared: a floor from minutes, or seconds, earlier is a different machine). */
  floorMs?: number;
  /** Which floor: the app's (/bench-floor) or the page's own layout's (a client's empty tab). */
  floorPath?: string;
  /** The same floor's requests per second at ten users, measured right after this page in the same run. */
  floorRps10?: number;
  budgetMs?: number;
  verdict?: "pass" | "FAIL";
  note?: string;
}

interface Results {
  machine: Record<string, string | number>;
  floor?: PageResult;
  pages: PageResult[];
  exports?: ExportResult;
  soak?: LoadResult & { counselors: number; seconds: number };
  lighthouse?: LighthouseResult[];
  pglite?: PgliteResult;
  messages?: MessagesResult;
  signIn?: SignInResult;
  fit?: FitResult;
}

type Soak = LoadResult & { counselors: number; seconds: number };

/**
 * SPEC: 50 concurrent counselors get 0 errors (no timeouts, resets or 5xx other than the
 * overload answer); overload is answered 429/503 with Retry-After (the server's admission
 * control sends it with every 503), never a crash.
 */
export function soakVerdict(s: Soak): "pass" | "FAIL" {
  const unexpected = Object.entries(s.statuses).filter(([status]) => !/^2\d\d$/.test(status) && status !== "503" && status !== "429");
  return s.errors === 0 && unexpected.length === 0 && s.requests > 0 ? "pass" : "FAIL";
}

/** SPEC's browser budgets per page: performance ≥ 95, accessibility 100, JavaScript under 170 KB (roster) or 230 KB (pages with charts). */
function lighthouseVerdict(l: LighthouseResult): string {
  if (l.interaction) return l.interactionMs !== undefined && l.interactionMs < 100 ? "pass" : "FAIL";
  if (l.performance === undefined) return "–";
  const jsBudget = l.page.startsWith("roster") ? 170 : 230;
  return l.performance >= 95 && l.accessibility === 100 && (l.jsKB ?? Infinity) < jsBudget ? "pass" : "FAIL";
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1));

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

/** The whole benchmark as Markdown tables (what the README's Performance section shows). */
export function renderReport(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Machine: ${m.cpus}, ${m.memoryGB} GB, Node ${m.node}, PostgreSQL ${m.postgres} on the same host (database ${m.database}); load average at start ${m.load}; ${m.date}.`);
  if (r.floor) {
    const rows = [r.floor, ...r.pages].map((p) => [
      p.name,
      p === r.floor ? "–" : `${ms(p.floorMs)}${p.floorPath ? "¹" : ""}`,
      ms(p.one.median),
      ms(p.one.p95),
      ms(p.ten.median),
      ms(p.ten.p95),
      p.ten.rps.toFixed(0),
      p === r.floor || !p.floorRps10 ? "–" : `${Math.round((100 * p.ten.rps) / p.floorRps10)}%`,
      p.queries,
      ms(p.sqlMs),
      p.budgetMs === undefined ? "–" : ms(p.budgetMs),
      p.verdict ?? "(floor)",
    ]);
    out.push(
      "",
      "Server time in ms (full response, against the production server, scripts/serve.ts; at one user the page and its floor alternate request by request over kept-alive connections, at ten it is autocannon); budget = floor + 1.5 × SQL + 3 ms at one user, p95 within twice that, at most 4 queries. The floor is the empty page with that page's layout, signed in as the page's own user: /bench-floor (the signed-in shell) for the caseload, roster and audit log, and the client's empty tab /clients/<id>/bench-floor (the shell plus the client's header, tabs, access check and access audit) for a client's trends and notes (marked ¹). Share of floor @10: the page's requests per second at ten users over its floor's, the floor measured at ten users right after the page.",
      "",
    );
    out.push(table(["page", "floor", "median @1", "p95 @1", "median @10", "p95 @10", "req/s @10", "share of floor @10", "queries", "SQL alone", "budget", "verdict"], rows));
    const notes = r.pages.filter((p) => p.note).map((p) => `- ${p.name}: ${p.note}`);
    if (notes.length) out.push("", ...notes);
  }
  if (r.exports) {
    out.push("", "Exports:");
    const pdf = r.exports.pdf;
    out.push("blocked" in pdf ? `- PDF progress report: not measured (${pdf.blocked})` : `- PDF progress report, ${pdf.client}: median ${ms(pdf.medianMs)} ms, max ${ms(pdf.maxMs)} ms over ${pdf.runs} runs (${Math.round(pdf.bytes / 1024)} KB); budget under 1 s: ${pdf.medianMs < 1000 ? "pass" : "FAIL"}`);
    const csv = r.exports.caseloadCsv;
    if ("blocked" in csv) out.push(`- caseload CSV: not measured (${csv.blocked})`);
    else for (const c of csv) out.push(`- caseload CSV, ${c.rows} rows: ${ms(c.ms)} ms, peak RSS ${c.peakRssMB} MB, peak heap ${c.peakHeapMB} MB`);
  }
  if (r.soak) {
    const s = r.soak;
    out.push("", `50 concurrent counselors on the caseload for ${s.seconds} s: ${s.requests} requests, ${s.errors} errors, ${s.non2xx} non-2xx (${Object.entries(s.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")}), median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms, ${s.rps.toFixed(0)} req/s: ${soakVerdict(s)} (0 errors; overload answered 503 with Retry-After).`);
  }
  if (r.signIn) {
    const g = r.signIn;
    out.push("", `Sign-in (argon2id m = 19 MiB, t = 2; ${g.succeeded} of ${g.attempts} accounts, one after another): credentials post median ${ms(g.median)} ms, p95 ${ms(g.p95)} ms (budget p95 < 150 ms: ${g.p95 < 150 ? "pass" : "FAIL"}); with the CSRF request first, median ${ms(g.flowMedian)} ms, p95 ${ms(g.flowP95)} ms.`);
  }
  if (r.lighthouse?.length) {
    out.push("", "Lighthouse 12.8 (desktop preset, Debian's Chromium) and the scripted flow:", "");
    out.push(
      table(
        ["page", "performance", "accessibility", "JS transferred (KB)", "interaction", "latency (ms)", "verdict"],
        r.lighthouse.map((l) => [l.page, l.performance ?? "–", l.accessibility ?? "–", l.jsKB === undefined ? "–" : l.jsKB.toFixed(0), l.interaction ?? "–", l.interactionMs === undefined ? "–" : ms(l.interactionMs), lighthouseVerdict(l)]),
      ),
    );
    const blocked = r.lighthouse.filter((l) => l.blocked).map((l) => `- ${l.page}: ${l.blocked}`);
    if (blocked.length) out.push("", ...blocked);
  }
  if (r.fit) {
    const f = r.fit;
    const median = (k: "readMs" | "fitMs" | "refitMs") => ms([...f.runs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(f.runs.length / 2)]!);
    out.push(
      "",
      `Expected recovery, numbness curve (${f.numbnessAdministrations} numbness check-ins of ${f.administrations}; fitted on ${f.clients} clients and ${f.scores} scores after baselines, the 5,000-client sample): median of ${f.runs.length} runs: reading the per-client summaries ${median("readMs")} ms, the REML fit ${median("fitMs")} ms, the whole refit with its hold-out check${f.validated ? "" : " (no hold-out counts)"} ${median("refitMs")} ms; budget 10 s for every run: ${fitVerdict(f)}. The REML fit alone on 20,000 simulated clients' summaries: ${ms(f.simulatedFitMs)} ms. The nightly refit job, every check-in of every organisation fitted (${f.nightlyCurves} curves): ${ms(f.nightlyMs)} ms; run again with nothing new: ${ms(f.nightlyAgainMs)} ms, ${f.nightlyAgainRefitted} refitted. Pages never fit (they read the stored curve).`,
    );
  }
  if (r.messages?.scan || r.messages?.delivery) {
    const { scan, delivery } = r.messages;
    out.push("", "Messages:", "");
    if (scan) out.push(`  Reminder scan, ${scan.clientsInCare} clients in care all with consent and due now: ${ms(scan.ms)} ms, ${scan.queued} reminders made (budget < 5000 ms: ${scan.ms < 5000 ? "PASS" : "FAIL"})`);
    if (delivery)
      out.push(
        `  Delivery of ${delivery.messages} queued messages to a local SMTP server: ${delivery.seconds.toFixed(1)} s, ${delivery.perSecond.toFixed(0)}/s from the worker's start (${delivery.firstToLastPerSecond.toFixed(0)}/s from the first acceptance; budget ≥ 200/s: ${delivery.perSecond >= 200 ? "PASS" : "FAIL"}); per message ${(delivery.perMessage.appStatements + delivery.perMessage.pgBossStatements).toFixed(2)} statements (${delivery.perMessage.appStatements.toFixed(2)} the app's, ${delivery.perMessage.pgBossStatements.toFixed(2)} pg-boss's) and ${delivery.perMessage.transactions.toFixed(3)} transactions`,
      );
    const page = r.messages.pageWhileSending;
    if (page)
      out.push(
        `  ${page.path} (the busiest counselor's), one request after another: before the delivery median ${ms(page.alone.median)} ms, p95 ${ms(page.alone.p95)} ms (${page.alone.requests} requests); while the messages went out median ${ms(page.during.median)} ms, p95 ${ms(page.during.p95)} ms (${page.during.requests} requests): median ${signedPercent(page.during.median / page.alone.median - 1)} (budget unchanged, within 10%: ${sendingVerdict(page)})`,
      );
  }
  if (r.pglite) {
    const p = r.pglite;
    out.push("", `PGlite ${p.pgliteVersion} versus PostgreSQL ${m.postgres}, the same SQL on the same data (${p.dataset}), median of ${p.runs} runs:`, "");
    out.push(table(["query", "PostgreSQL ms", "PGlite ms", "ratio"], p.queries.map((q) => [q.name, ms(q.postgresMs), ms(q.pgliteMs), (q.pgliteMs / q.postgresMs).toFixed(1) + "×"])));
  }
  return out.join("\n");
}

function signedPercent(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}%`;
}

/** Page times "unchanged" while messages go out: the median within 10% of the same page's just before. */
export function sendingVerdict(page: { alone: { median: number }; during: { median: number } }): "PASS" | "FAIL" {
  return page.during.median <= page.alone.median * 1.1 ? "PASS" : "FAIL";
}
