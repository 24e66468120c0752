import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { root } from "../lib";
import { percentile } from "./measure";
import { signIn } from "./server";

export interface ExportResult {
  pdf: { runs: number; medianMs: number; maxMs: number; bytes: number; client: string } | { blocked: string };
  caseloadCsv: Array<{ rows: number; ms: number; peakRssMB: number; peakHeapMB: number }> | { blocked: string };
}

/**
 * The busiest client's progress report (PDF, default period) over HTTP as the counselor, five times
 * (waiting out the export rate limit when it answers 429); and the caseload CSV's peak memory
 * at 1,000 and 20,000 rows with the reports' own measurement (scripts/measure-caseload-export.ts,
 * one fresh process per size, through the route's code).
 */
export async function benchExports(base: string, sql: postgres.Sql, who: { counselor: string; password: string; url: string }): Promise<ExportResult> {
  const out: ExportResult = { pdf: { blocked: "not run" }, caseloadCsv: { blocked: "not run" } };
  const [client] = await sql<{ id: string }[]>`select id from clients where record_number = 'L-100000' and organisation_id = (select organisation_id from users where lower(email) = ${who.counselor})`;
  if (existsSync(path.join(root, "app/api/clients/[clientId]/export/[format]/route.ts")) && client) {
    const cookie = await signIn(base, who.counselor, who.password);
    const times: number[] = [];
    let bytes = 0;
    for (let attempt = 0; times.length < 5 && attempt < 12; attempt++) {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/clients/${client.id}/export/pdf`, { headers: { cookie } });
      const body = Buffer.from(await response.arrayBuffer());
      const ms = performance.now() - t0;
      if (response.status === 429) {
        const wait = Number(response.headers.get("retry-after") ?? 10);
        await new Promise((r) => setTimeout(r, Math.min(65, wait) * 1000));
        continue;
      }
      if (response.status !== 200 || !body.subarray(0, 5).toString().startsWith("%PDF")) {
        out.pdf = { blocked: `the PDF export answered ${response.status}` };
        break;
      }
      times.push(ms);
      bytes = body.length;
    }
    if (times.length) out.pdf = { runs: times.length, medianMs: percentile(times, 0.5), maxMs: Math.max(...times), bytes, client: "L-100000 (busiest), the default period (last 90 days)" };
  } else out.pdf = { blocked: "no PDF export route in this build" };

  const script = path.join(root, "scripts", "measure-caseload-export.ts");
  if (existsSync(script)) {
    const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", script, "--sizes", "1000,20000"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: who.url },
      timeout: 600_000,
    });
    const rows = run.stdout
      .split("\n")
      .map((line) => /^\d+ clients: (\{.*\})$/.exec(line.trim())?.[1])
      .filter((j): j is string => Boolean(j))
      .map((j) => JSON.parse(j) as { rows: number; ms: number; peakRssMB: number; peakHeapMB: number });
    out.caseloadCsv = rows.length ? rows : { blocked: `measure-caseload-export failed: ${(run.stderr || run.stdout).slice(-300)}` };
  } else out.caseloadCsv = { blocked: "no caseload CSV export (scripts/measure-caseload-export.ts) in this checkout" };
  return out;
}
