import type { PageResult } from "../bench";
import type { ExportResult } from "./exports";
import type { LighthouseResult } from "./lighthouse";
import type { LoadResult } from "./measure";
import type { PgliteResult } from "./pglite";

interface Results {
  machine: Record<string, string | number>;
  floor?: PageResult;
  pages: PageResult[];
  exports?: ExportResult;
  soak?: LoadResult & { counselors: number; seconds: number };
  lighthouse?: LighthouseResult[];
  pglite?: PgliteResult;
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
      ms(p.one.median),
      ms(p.one.p95),
      ms(p.ten.median),
      ms(p.ten.p95),
      p.ten.rps.toFixed(0),
      p.queries,
      ms(p.sqlMs),
      p.budgetMs === undefined ? "–" : ms(p.budgetMs),
      p.verdict ?? "(floor)",
    ]);
    out.push("", "Server time in ms (full response, measured with autocannon against `next start`); budget = floor + 1.5 × SQL + 3 ms at one user, p95 within twice that.", "");
    out.push(table(["page", "median @1", "p95 @1", "median @10", "p95 @10", "req/s @10", "queries", "SQL alone", "budget", "verdict"], rows));
    const notes = r.pages.filter((p) => p.note).map((p) => `- ${p.name}: ${p.note}`);
    if (notes.length) out.push("", ...notes);
  }
  if (r.exports) {
    out.push("", "Exports:");
    const pdf = r.exports.pdf;
    out.push("blocked" in pdf ? `- PDF progress report: not measured (${pdf.blocked})` : `- PDF progress report, ${pdf.client}: median ${ms(pdf.medianMs)} ms, max ${ms(pdf.maxMs)} ms over ${pdf.runs} runs (${Math.round(pdf.bytes / 1024)} KB)`);
    const csv = r.exports.caseloadCsv;
    if ("blocked" in csv) out.push(`- caseload CSV: not measured (${csv.blocked})`);
    else for (const c of csv) out.push(`- caseload CSV, ${c.rows} rows: ${ms(c.ms)} ms, peak RSS ${c.peakRssMB} MB, peak heap ${c.peakHeapMB} MB`);
  }
  if (r.soak) {
    const s = r.soak;
    out.push("", `50 concurrent counselors on the caseload for ${s.seconds} s: ${s.requests} requests, ${s.errors} errors, ${s.non2xx} non-2xx (${Object.entries(s.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")}), median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms, ${s.rps.toFixed(0)} req/s.`);
  }
  if (r.lighthouse?.length) {
    out.push("", "Lighthouse 12.8 (desktop preset, Debian's Chromium) and the scripted flow:", "");
    out.push(
      table(
        ["page", "performance", "accessibility", "JS transferred (KB)", "interaction", "latency (ms)"],
        r.lighthouse.map((l) => [l.page, l.performance ?? "–", l.accessibility ?? "–", l.jsKB === undefined ? "–" : l.jsKB.toFixed(0), l.interaction ?? "–", l.interactionMs === undefined ? "–" : ms(l.interactionMs)]),
      ),
    );
    const blocked = r.lighthouse.filter((l) => l.blocked).map((l) => `- ${l.page}: ${l.blocked}`);
    if (blocked.length) out.push("", ...blocked);
  }
  if (r.pglite) {
    const p = r.pglite;
    out.push("", `PGlite ${p.pgliteVersion} versus PostgreSQL ${m.postgres}, the same SQL on the same data (${p.dataset}), median of ${p.runs} runs:`, "");
    out.push(table(["query", "PostgreSQL ms", "PGlite ms", "ratio"], p.queries.map((q) => [q.name, ms(q.postgresMs), ms(q.pgliteMs), (q.pgliteMs / q.postgresMs).toFixed(1) + "×"])));
  }
  return out.join("\n");
}
