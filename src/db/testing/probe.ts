import { timingSafeEqual } from "node:crypto";
import { chmodSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { DatabaseHandle } from "../client";

/**
 * A read-only window on the server's own database, for the HTTP permission matrix of the server
 * actions (e2e/action-matrix.spec.ts), which must prove that a refused call changed nothing. The
 * built app's embedded database (PGlite) belongs to the one server process and cannot be opened
 * by a second one, so the test asks the server process itself, through this probe.
 *
 * It is not a web surface and not part of the app: no route, no HTTP, nothing in the build imports
 * it. Only the test launcher (scripts/e2e-serve.ts) starts it, in the server's process, when
 * ATTUNE_DB_PROBE_SOCKET names a Unix socket (the action matrix's own server sets it),
 * the socket is created owner-only (0600) inside a directory the test made owner-only, and every
 * request must carry the secret from ATTUNE_DB_PROBE_SECRET. It reads only: every request runs
 * in a READ ONLY transaction, so it cannot change what it measures.
 *
 * Protocol: one JSON line in, one JSON line out, then the connection closes.
 *   {"secret": "...", "op": "snapshot"} → {"tables": {"users": {"rows": 7, "md5": "…", "newest": "812"}, …}}
 *   {"secret": "...", "op": "read", "sql": "select …", "params": [...]} → {"rows": [...]}
 */
export type ProbeRequest = { secret: string; op: "snapshot" } | { secret: string; op: "read"; sql: string; params?: unknown[] };
/** Per table: its rows, an md5 of them in a fixed order, and the newest transaction id among them (any insert or update, even one that changes no value, moves it on). */
export type TableSnapshot = Record<string, { rows: number; md5: string; newest: string }>;

async function readOnly<T>(handle: DatabaseHandle, text: string, params: unknown[]): Promise<T[]> {
  if (handle.raw.driver === "pglite") {
    return handle.raw.client.transaction(async (tx) => {
      await tx.exec("set transaction read only");
      return (await tx.query<T>(text, params)).rows;
    });
  }
  const sql = handle.raw.sql;
  // One statement only (extended protocol even without parameters), in a read-only transaction.
  return (await sql.begin("read only", (tx) => tx.unsafe(text, params as never[], { prepare: false, simple: false } as never))) as unknown as T[];
}

let snapshotQuery: string | undefined;

/** Rows and a checksum of every table in the public schema, its rows in a fixed order. */
async function snapshot(handle: DatabaseHandle): Promise<TableSnapshot> {
  snapshotQuery ??= await buildSnapshotQuery(handle);
  if (!snapshotQuery) return {};
  const rows = await readOnly<{ name: string; rows: number; md5: string; newest: string }>(handle, snapshotQuery, []);
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), md5: r.md5, newest: r.newest }]));
}

/** One query over every table (the schema does not change while the server runs). */
async function buildSnapshotQuery(handle: DatabaseHandle): Promise<string> {
  const tables = await readOnly<{ name: string }>(handle, "select tablename as name from pg_tables where schemaname = 'public' order by 1", []);
  const parts = tables.map(({ name }) => {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    return `select '${name.replace(/'/g, "''")}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5, coalesce(max(t.xmin::text::bigint), 0)::text as newest from ${quoted} t`;
  });
  return parts.join(" union all ");
}

/** A single SELECT (or WITH … SELECT) statement: no second statement, no SET, no writes. */
function isSingleSelect(text: string): boolean {
  return /^\s*(select|with)\b/i.test(text) && !text.includes(";") && !/\b(insert|update|delete|merge|set|copy|call|do)\b/i.test(text.replace(/'[^']*'/g, "''"));
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `handle` gives the server's own open database handle, or null while the app has not opened it. */
export function startDatabaseProbe(socketPath: string, secret: string, handleOf: () => DatabaseHandle | null): void {
  if (secret.length < 32) throw new Error("ATTUNE_DB_PROBE_SECRET must be at least 32 characters");
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.length > 1_000_000) return socket.destroy();
      const end = buffer.indexOf("\n");
      if (end < 0) return;
      const line = buffer.slice(0, end);
      void (async () => {
        try {
          const request = JSON.parse(line) as ProbeRequest;
          if (!sameSecret(request.secret, secret)) throw new Error("refused");
          const handle = handleOf();
          if (!handle) throw new Error("the app has not opened its database yet");
          if (request.op === "read" && !isSingleSelect(String(request.sql))) throw new Error("only a single select is answered");
          const answer = request.op === "snapshot" ? { tables: await snapshot(handle) } : request.op === "read" ? { rows: await readOnly(handle, String(request.sql), request.params ?? []) } : { error: "unknown op" };
          socket.end(JSON.stringify(answer) + "\n");
        } catch (error) {
          socket.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + "\n");
        }
      })();
    });
    socket.on("error", () => socket.destroy());
  });
  server.listen(socketPath, () => chmodSync(socketPath, 0o600));
  process.on("exit", () => rmSync(socketPath, { force: true }));
}
