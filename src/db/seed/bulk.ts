import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { RawClient } from "@/db/client";

/** One value as COPY's text format writes it: \N for null, arrays as {…} literals, objects as JSON. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = `{${value.map((v) => `"${String(v).replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

const CHUNK = 1 << 20;

/** Rows as COPY text, in chunks of about a megabyte. */
function* copyText(rows: Iterable<readonly unknown[]>, counter: { rows: number }): Generator<string> {
  let buffer = "";
  for (const row of rows) {
    buffer += row.map(copyField).join("\t") + "\n";
    counter.rows++;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/**
 * Loads rows into a table with COPY … FROM STDIN (postgres.js), or COPY … FROM '/dev/blob' in
 * batches (PGlite). Triggers and constraints stay on: COPY fires INSERT triggers like any insert.
 * Returns the number of rows loaded.
 */
export async function copyRows(raw: RawClient, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  const statement = `copy ${table} (${columns.join(", ")}) from`;
  const counter = { rows: 0 };
  if (raw.driver === "postgres") {
    const writable = await raw.sql.unsafe(`${statement} stdin`).writable();
    await pipeline(Readable.from(copyText(rows, counter)), writable);
    return counter.rows;
  }
  // PGlite keeps a blob in memory: send about 16 MB at a time.
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    await raw.client.query(`${statement} '/dev/blob'`, [], { blob: new Blob(parts) });
    parts = [];
    size = 0;
  };
  for (const chunk of copyText(rows, counter)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= 16 * CHUNK) await flush();
  }
  await flush();
  return counter.rows;
}

/** Runs raw SQL on either driver (no parameters). */
export async function rawExec(raw: RawClient, text: string): Promise<void> {
  if (raw.driver === "postgres") await raw.sql.unsafe(text);
  else await raw.client.exec(text);
}
