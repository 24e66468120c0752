import { auditPeople, auditPersonLabel } from "@/audit/queries";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";

/**
 * The audit log's user filter, fetched by the browser once the page is idle: every person of
 * the administrator's organisation as { value, label }. Administrators only (anyone else gets a
 * 404, as for the log itself). No audit row: these are the staff names the user list shows
 * every administrator, not a record about anyone's care, and opening a filter is not an access
 * to the log.
 */
export async function GET() {
  const actor = await getActor();
  const headers = { "Cache-Control": "no-store" };
  if (!actor || actor.role !== "admin") return new Response("Not found", { status: 404, headers });
  const people = await auditPeople(getDb(), actor);
  return Response.json({ people: people.map((u) => ({ value: u.id, label: auditPersonLabel(u) })) }, { headers });
}
