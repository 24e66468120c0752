import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "./client";

/**
 * A logical backup through the app's own connection, the same for PGlite and PostgreSQL: every
 * table of the public schema, parents before children, each row as PostgreSQL's own JSON of it
 * (so every type comes back exactly), with the migration level and, per table, the row count and
 * a checksum. Read in one repeatable-read snapshot, so the tables agree with each other.
 *
 * The file is gzip'd JSON lines: a header line, then each table's rows in the header's order.
 */
export const BACKUP_FORMAT = "attune-backup";

export interface TableSummary {
  name: string;
  columns: string[];
  rows: number;
  checksum: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  /** Migrations applied to the source: how many, and the journal time of the last one. */
  migrations: { count: number; last: number };
  tables: TableSummary[];
}

interface TableInfo {
  name: string;
  columns: string[];
  orderBy: string[];
  /** Columns that point at the same table (a row's parent must be inserted before it). */
  selfRefs: string[];
}

const PAGE = 1000;

/** The order rows are read in: the primary key, or for the audit log its chain order (the restore re-checks the chain as it inserts). */
const ORDER_OVERRIDES: Record<string, string[]> = { audit_events: ["organisation_id", "chain_seq"] };

async function tableInfos(db: Db): Promise<TableInfo[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`),
  ).map((t) => t.name);
  const columns = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`select c.relname as "table", a.attname as "column" from pg_attribute a
                         join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                         order by c.relname, a.attnum`),
  );
  const keys = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`select c.relname as "table", a.attname as "column" from pg_index i
                         join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
                         cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
                         join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                         where n.nspname = 'public' and i.indisprimary order by c.relname, k.ord`),
  );
  const foreign = rowsOf<{ child: string; parent: string; column: string }>(
    await db.execute(sql`select c.relname as child, p.relname as parent, a.attname as "column" from pg_constraint f
                         join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
                         join pg_namespace n on n.oid = c.relnamespace
                         join pg_attribute a on a.attrelid = c.oid and a.attnum = f.conkey[1]
                         where f.contype = 'f' and n.nspname = 'public'`),
  );
  const infos = new Map<string, TableInfo>(
    tables.map((name) => [
      name,
      {
        name,
        columns: columns.filter((c) => c.table === name).map((c) => c.column),
        orderBy: ORDER_OVERRIDES[name] ?? keys.filter((k) => k.table === name).map((k) => k.column),
        selfRefs: foreign.filter((f) => f.child === name && f.parent === name).map((f) => f.column),
      },
    ]),
  );
  // Parents before children (Kahn's algorithm); a cycle between tables would be a schema change this does not know.
  const parents = new Map(tables.map((t) => [t, new Set(foreign.filter((f) => f.child === t && f.parent !== t).map((f) => f.parent))]));
  const ordered: TableInfo[] = [];
  while (parents.size) {
    const ready = [...parents.entries()].filter(([, ps]) => [...ps].every((p) => !parents.has(p))).map(([t]) => t).sort();
    if (!ready.length) throw new Error(`Tables refer to each other in a cycle: ${[...parents.keys()].join(", ")}`);
    for (const t of ready) {
      parents.delete(t);
      ordered.push(infos.get(t)!);
    }
  }
  for (const t of ordered) if (!t.orderBy.length) throw new Error(`Table ${t.name} has no primary key to read it in order.`);
  return ordered;
}

const ident = (name: string) => sql.identifier(name);
const list = (names: string[], prefix?: string) => sql.join(names.map((n) => (prefix ? sql`${sql.identifier(prefix)}.${ident(n)}` : ident(n))), sql`, `);

/** Row count and an order-independent checksum (md5 over the sorted md5s of each row's JSON). */
async function summarise(db: Db, table: TableInfo): Promise<{ rows: number; checksum: string }> {
  const [row] = rowsOf<{ rows: number | string; checksum: string }>(
    await db.execute(sql`select count(*) as rows, md5(coalesce(string_agg(h, '' order by h), '')) as checksum
                         from (select md5(row_to_json(t)::text) as h from ${ident(table.name)} t) x`),
  );
  return { rows: Number(row!.rows), checksum: row!.checksum };
}

export async function tableSummaries(db: Db): Promise<TableSummary[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: TableSummary[] = [];
    for (const t of await tableInfos(tx)) out.push({ name: t.name, columns: t.columns, ...(await summarise(tx, t)) });
    return out;
  });
}

async function migrationLevel(db: Db): Promise<{ count: number; last: number }> {
  const [row] = rowsOf<{ count: number | string; last: number | string | null }>(
    await db.execute(sql`select count(*) as count, max(created_at) as last from drizzle.__drizzle_migrations`),
  );
  return { count: Number(row?.count ?? 0), last: Number(row?.last ?? 0) };
}

async function* tableRows(db: Db, table: TableInfo): AsyncGenerator<string> {
  let last: string | null = null;
  for (;;) {
    // Keyset paging on the table's order, compared through the last row's own JSON: no type to spell out.
    const after: SQL = last
      ? sql`where (${list(table.orderBy, "t")}) > (select ${list(table.orderBy, "r")} from json_populate_record(null::${ident(table.name)}, ${last}::json) r)`
      : sql``;
    const page = rowsOf<{ j: string }>(
      await db.execute(sql`select row_to_json(t)::text as j from ${ident(table.name)} t ${after} order by ${list(table.orderBy, "t")} limit ${PAGE}`),
    );
    for (const row of page) yield row.j;
    if (page.length < PAGE) return;
    last = page[page.length - 1]!.j;
  }
}

/** Writes a backup of the whole database to `file` (gzip'd JSON lines) and returns its header. */
export async function backupDatabase(db: Db, file: string): Promise<BackupHeader> {
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(file, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  const header = await db.transaction(
    async (tx) => {
      await tx.execute(sql`set local time zone 'UTC'`);
      const tables = await tableInfos(tx);
      const summaries: TableSummary[] = [];
      for (const t of tables) summaries.push({ name: t.name, columns: t.columns, ...(await summarise(tx, t)) });
      const head: BackupHeader = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: await migrationLevel(tx), tables: summaries };
      await write(JSON.stringify(head));
      for (const t of tables) for await (const line of tableRows(tx, t)) await write(line);
      return head;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  gzip.end();
  await once(out, "finish");
  return header;
}

export class RestoreRefused extends Error {}

/** Reads a backup file: its header, then each table's rows in order. */
export async function readBackup(file: string): Promise<{ header: BackupHeader; rows: AsyncIterator<string> }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = first.done ? null : (JSON.parse(first.value) as BackupHeader);
  if (header?.format !== BACKUP_FORMAT || header.version !== 1) throw new RestoreRefused(`${file} is not an Attune backup.`);
  return { header, rows: lines };
}

/** A signed note is restored as a draft, its attendees and members added, then signed, as the database demands. */
const SIGNED_NOTE_HOLD = { status: "draft", signed_at: null, cosigned_at: null, cosigned_by: null };

/**
 * Inserts a backup's rows into an empty database at the backup's migration level, in one
 * transaction: parents first, never an update of a locked row (the audit log's chain is
 * re-checked by its trigger as each event goes in), sequences moved past the restored ids, and
 * every table's count and checksum compared with the backup's before it commits.
 */
export async function restoreRows(db: Db, header: BackupHeader, rows: AsyncIterator<string>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const infos = new Map((await tableInfos(tx)).map((t) => [t.name, t]));
    for (const t of header.tables) {
      const info = infos.get(t.name);
      if (!info) throw new RestoreRefused(`The database has no table ${t.name}: restore into a database at the backup's migration level.`);
      if ((await summarise(tx, info)).rows > 0) throw new RestoreRefused(`Table ${t.name} is not empty: restore only into an empty database.`);
    }
    const signedNotes: string[] = [];
    for (const t of header.tables) {
      const info = infos.get(t.name)!;
      let lines: string[] = [];
      for (let i = 0; i < t.rows; i++) {
        const next = await rows.next();
        if (next.done) throw new RestoreRefused(`The backup ends inside table ${t.name}: the file is incomplete.`);
        lines.push(next.value);
      }
      if (info.selfRefs.length) lines = parentsFirst(lines, info.selfRefs);
      for (let i = 0; i < lines.length; i += PAGE) {
        const batch = lines.slice(i, i + PAGE);
        let source: SQL = sql`json_populate_recordset(null::${ident(t.name)}, ${`[${batch.join(",")}]`}::json)`;
        if (t.name === "session_notes") {
          signedNotes.push(...batch.filter((l) => (JSON.parse(l) as { status?: string }).status === "signed"));
          source = sql`jsonb_populate_recordset(null::${ident(t.name)}, (select jsonb_agg(case when e->>'status' = 'signed' then e || ${JSON.stringify(SIGNED_NOTE_HOLD)}::jsonb else e end)
                        from jsonb_array_elements(${`[${batch.join(",")}]`}::jsonb) e))`;
        }
        await tx.execute(sql`insert into ${ident(t.name)} (${list(t.columns)}) select ${list(t.columns)} from ${source}`);
      }
    }
    for (let i = 0; i < signedNotes.length; i += PAGE) {
      await tx.execute(sql`update session_notes n set status = r.status, signed_at = r.signed_at, cosigned_at = r.cosigned_at, cosigned_by = r.cosigned_by
                           from json_populate_recordset(null::session_notes, ${`[${signedNotes.slice(i, i + PAGE).join(",")}]`}::json) r
                           where n.id = r.id`);
    }
    // Serial columns continue after the restored ids.
    const serials = rowsOf<{ table: string; column: string; seq: string }>(
      await tx.execute(sql`select c.relname as "table", a.attname as "column", pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq
                           from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
                             and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null`),
    );
    for (const s of serials) {
      await tx.execute(sql`select setval(${s.seq}::regclass, coalesce((select max(${ident(s.column)}) from ${ident(s.table)}), 0) + 1, false)`);
    }
    for (const t of header.tables) {
      const now = await summarise(tx, infos.get(t.name)!);
      if (now.rows !== t.rows || now.checksum !== t.checksum) {
        throw new RestoreRefused(`Table ${t.name} came back different (${now.rows} rows, checksum ${now.checksum}; the backup has ${t.rows}, ${t.checksum}). Nothing was restored.`);
      }
    }
  });
}

/** Orders rows so that a row's parent (a column pointing into the same table) comes before it. */
function parentsFirst(lines: string[], refs: string[]): string[] {
  const rows = lines.map((line) => ({ line, row: JSON.parse(line) as Record<string, unknown> }));
  const ids = new Set(rows.map((r) => String(r.row.id)));
  const placed = new Set<string>();
  const out: string[] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((r) => refs.some((c) => r.row[c] != null && ids.has(String(r.row[c])) && !placed.has(String(r.row[c]))));
    const ready = pending.filter((r) => !next.includes(r));
    if (!ready.length) throw new RestoreRefused("Rows refer to each other in a cycle.");
    for (const r of ready) {
      out.push(r.line);
      placed.add(String(r.row.id));
    }
    pending = next;
  }
  return out;
}
