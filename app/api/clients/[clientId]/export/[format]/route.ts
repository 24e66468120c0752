import { currentRequestMeta } from "@/auth/request-meta";
import { getActor } from "@/auth/session";
import { getDb } from "@/db/client";
import { lagTolerantDb } from "@/db/read-request";
import { clientExportResponse } from "@/reports/exports";

/** A client's progress report (pdf), check-ins or exercise entries (CSV), or check-ins as FHIR. */
export async function GET(request: Request, { params }: { params: Promise<{ clientId: string; format: string }> }) {
  const { clientId, format } = await params;
  return clientExportResponse(getDb(), await getActor(), clientId, format, new URL(request.url).searchParams, await currentRequestMeta(), new Date(), await lagTolerantDb());
}
