import type { NextRequest } from "next/server";
import { handlers } from "./config";

/** Claims the server checks on every request but the browser never needs to read. */
const SERVER_ONLY_CLAIMS = ["sessionVersion"] as const;

/**
 * Auth.js's endpoints, except that GET /api/auth/session leaves out the server-only claims: the
 * session version stays inside the encrypted cookie, where the server reads it.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const response = await handlers.GET(request);
  if (!request.nextUrl.pathname.endsWith("/session") || !response.headers.get("content-type")?.includes("application/json")) return response;
  const session = (await response.json()) as Record<string, unknown> | null;
  if (session) for (const claim of SERVER_ONLY_CLAIMS) delete session[claim];
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(session), { status: response.status, headers });
}

export const { POST } = handlers;
