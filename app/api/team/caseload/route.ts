import { currentRequestMeta } from "@/auth/request-meta";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";
import { lagTolerantDb } from "@/db/read-request";
import { caseloadExportResponse } from "@/reports/exports";

/** The supervisor's team caseload as CSV, streamed; anyone else gets a 404. */
export async function GET() {
  return caseloadExportResponse(getDb(), await getActor(), await currentRequestMeta(), new Date(), await lagTolerantDb());
}
