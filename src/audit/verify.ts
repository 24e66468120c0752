import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";

export const GENESIS_HASH = "0".repeat(64);

export type ChainBreak = {
  organisationId: string;
  /** The first event whose link does not hold (or, for a gap, the event after it). */
  eventId: number;
  chainSeq: number;
  problem: "altered" | "wrong_previous" | "gap";
  detail: string;
};

export interface ChainReport {
  organisations: number;
  events: number;
  /** The first break of each organisation whose chain does not verify; empty when all hold. */
  breaks: ChainBreak[];
  /** The last hash of each chain: kept somewhere else, it also shows a later removal of the newest events. */
  heads: { organisationId: string; chainSeq: number; hash: string }[];
}

type Row = { id: number | string; organisation_id: string; chain_seq: number | string; prev_hash: string; hash: string; canonical: string };

/**
 * Recomputes every organisation's audit chain: each event's hash must be sha256 of the previous
 * hash and the event's canonical text (computed here, in Node, not by the database function
 * that wrote it), it must name its predecessor's hash, and the places must run 1, 2, 3… with
 * no gap. Reads in pages so a long log does not have to fit in memory.
 */
export async function verifyAuditChain(db: Db, options: { organisationId?: string; pageSize?: number } = {}): Promise<ChainReport> {
  const pageSize = options.pageSize ?? 5000;
  const report: ChainReport = { organisations: 0, events: 0, breaks: [], heads: [] };
  let org: string | null = null;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let broken = false;
  let after: { org: string; seq: number } | null = null;
  const finish = () => {
    if (org !== null) report.heads.push({ organisationId: org, chainSeq: expectedSeq - 1, hash: prevHash });
  };
  for (;;) {
    const page: Row[] = rowsOf<Row>(
      await db.execute(sql`
        select e.id, e.organisation_id, e.chain_seq, e.prev_hash, e.hash, attune_audit_canonical(e) as canonical
        from audit_events e
        where ${options.organisationId ? sql`e.organisation_id = ${options.organisationId}` : sql`true`}
          and ${after ? sql`(e.organisation_id, e.chain_seq) > (${after.org}::uuid, ${after.seq})` : sql`true`}
        order by e.organisation_id, e.chain_seq
        limit ${pageSize}`),
    );
    for (const row of page) {
      const seq = Number(row.chain_seq);
      if (row.organisation_id !== org) {
        finish();
        org = row.organisation_id;
        report.organisations++;
        expectedSeq = 1;
        prevHash = GENESIS_HASH;
        broken = false;
      }
      report.events++;
      if (!broken) {
        const fail = (problem: ChainBreak["problem"], detail: string) => {
          report.breaks.push({ organisationId: row.organisation_id, eventId: Number(row.id), chainSeq: seq, problem, detail });
          broken = true;
        };
        const recomputed = createHash("sha256").update(`${row.prev_hash}\n${row.canonical}`, "utf8").digest("hex");
        if (seq !== expectedSeq) fail("gap", `expected place ${expectedSeq}, found ${seq}: events are missing before it`);
        else if (row.prev_hash !== prevHash) fail("wrong_previous", "it does not name the hash of the event before it");
        else if (recomputed !== row.hash) fail("altered", "its content no longer matches its hash");
      }
      expectedSeq = seq + 1;
      prevHash = row.hash;
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { org: last.organisation_id, seq: Number(last.chain_seq) };
  }
  finish();
  return report;
}
