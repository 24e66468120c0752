import "server-only";
import { recordAudit } from "@/audit/record";
import { isClinical, type Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import { getClientForActor } from "@/clients/queries";
import type { Db } from "@/db/client";
import { LIMITS, takeSlot } from "@/lib/limiter";
import { streamLines } from "@/lib/csv";
import { caseloadCsvLines, caseloadRowCount, mayExportCaseload } from "./caseload-csv";
import { checkinCsvLines, exerciseCsvLines } from "./client-csv";
import { clientCheckinBundle } from "./fhir-bundle";
import { parsePeriod, periodSlug } from "./period";
import { renderProgressReportPdf } from "./pdf/render";
import { progressReportData } from "./progress-data";
import { staffText } from "@/i18n/staff";

const rv = staffText("reportValidation");

export const CLIENT_FORMATS = ["pdf", "checkins-csv", "exercises-csv", "fhir"] as const;
export type ClientFormat = (typeof CLIENT_FORMATS)[number];


const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
export const notFound = () => new Response(rv("notFound"), { status: 404, headers: noStore });

/**
 * Takes one of the actor's exports (LIMITS.export, on the one limiter ledger) and writes the
 * export's audit event, in one transaction, so a refused export writes nothing and an export
 * whose audit fails takes no slot. Returns the seconds to wait when the allowance is spent, else null.
 */
async function admitExport(db: Db, actor: Actor, event: { entityType: string; entityId: string; clientId: string | null; detail: Record<string, string | number | boolean | null> }, meta: RequestMeta): Promise<number | null> {
  return db.transaction(async (tx) => {
    const wait = await takeSlot(tx, LIMITS.export, actor.userId);
    if (wait !== null) return wait;
    await recordAudit(tx, {
      organisationId: actor.organisationId,
      actorKind: "user",
      actorUserId: actor.userId,
      action: "report.export",
      entityType: event.entityType,
      entityId: event.entityId,
      clientId: event.clientId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      detail: event.detail,
    });
    return null;
  });
}

const tooMany = (seconds: number) =>
  new Response(rv("tooManyExports", { seconds: String(seconds) }), { status: 429, headers: { ...noStore, "Retry-After": String(seconds) } });

const attachment = (type: string, name: string) => ({ ...noStore, "Content-Type": type, "Content-Disposition": `attachment; filename="${name}"` });

/**
 * One client's record as PDF, CSV or FHIR, behind exactly the pages' check: the client must be
 * one the actor may see (anything else is the same 404 as a missing client, and nothing is
 * written). Every export is an audit event with its format and period.
 */
export async function clientExportResponse(
  db: Db,
  actor: Actor | null,
  clientId: string,
  format: string,
  params: URLSearchParams,
  meta: RequestMeta,
  now = new Date(),
  /** Where the export's data is read: a replica that has caught up with this person (src/db/read-request.ts). */
  readDb: Db = db,
): Promise<Response> {
  if (!actor || !isClinical(actor) || !(CLIENT_FORMATS as readonly string[]).includes(format)) return notFound();
  const client = await getClientForActor(db, actor, clientId);
  if (!client) return notFound();
  const period = parsePeriod(params, client.timeZone);
  if (!period) return new Response(rv("choosePeriod"), { status: 400, headers: noStore });
  const includeNotes = format === "pdf" && params.get("notes") === "1";
  const wait = await admitExport(db, actor, { entityType: "client", entityId: client.id, clientId: client.id, detail: { format, from: period.from, to: period.to, ...(format === "pdf" ? { notes: includeNotes } : {}) } }, meta);
  if (wait !== null) return tooMany(wait);
  const name = `${client.recordNumber.replace(/[^A-Za-z0-9_-]/g, "_")}_${periodSlug(period)}`;
  switch (format as ClientFormat) {
    case "pdf": {
      const started = performance.now();
      const pdf = await renderProgressReportPdf(await progressReportData(readDb, actor, client, period, { includeNotes, now }));
      return new Response(new Uint8Array(pdf), {
        headers: { ...attachment("application/pdf", `progress-report_${name}.pdf`), "Server-Timing": `pdf;dur=${(performance.now() - started).toFixed(0)}` },
      });
    }
    case "checkins-csv":
      return new Response(streamLines(checkinCsvLines({ db: readDb, actor, client, period })), { headers: attachment("text/csv; charset=utf-8", `checkins_${name}.csv`) });
    case "exercises-csv":
      return new Response(streamLines(exerciseCsvLines({ db: readDb, actor, client, period })), { headers: attachment("text/csv; charset=utf-8", `exercise-entries_${name}.csv`) });
    case "fhir":
      return new Response(JSON.stringify(await clientCheckinBundle(readDb, actor, client, period, now), null, 1), {
        headers: attachment("application/fhir+json; charset=utf-8", `checkins_${name}.fhir.json`),
      });
  }
}

/** The supervisor's team caseload as a streamed CSV; anyone else gets a 404. */
export async function caseloadExportResponse(db: Db, actor: Actor | null, meta: RequestMeta, now = new Date(), readDb: Db = db): Promise<Response> {
  if (!mayExportCaseload(actor)) return notFound();
  const rows = await caseloadRowCount(readDb, actor);
  const wait = await admitExport(db, actor, { entityType: "team", entityId: actor.userId, clientId: null, detail: { format: "caseload-csv", clients: rows } }, meta);
  if (wait !== null) return tooMany(wait);
  return new Response(streamLines(caseloadCsvLines(readDb, actor, now)), {
    headers: { ...attachment("text/csv; charset=utf-8", `team-caseload_${now.toISOString().slice(0, 10)}.csv`), "X-Row-Count": String(rows) },
  });
}
