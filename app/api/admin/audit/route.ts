import { exportAuditCsv } from "@/audit/queries";
import { currentRequestMeta } from "@/auth/request-meta";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";

/** The audit log as CSV, with the page's filters; administrators only (others get a 404). */
export async function GET(request: Request) {
  const actor = await getActor();
  return exportAuditCsv(getDb(), actor, new URL(request.url).searchParams, await currentRequestMeta());
}
