import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { handlers } from "./config";
import { signInSchema } from "./credentials";
import { metaFromHeaders } from "./request-meta";
import { checkThrottle } from "./throttle";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

/** Claims the server checks on every request but the browser never needs to read. */
const SERVER_ONLY_CLAIMS = ["sessionVersion"] as const;

/**
 * Auth.js answers a callbackUrl it cannot read (`?callbackUrl=0`) with a 500 "server
 * configuration" error; it is the request that is wrong, so say so with a 400, the same test
 * Auth.js applies (an http(s) URL, or a path on this site).
 */
function unreadableCallback(request: NextRequest): Response | null {
  const value = request.nextUrl.searchParams.get("callbackUrl");
  if (!value) return null;
  try {
    if (/^https?:/.test(new URL(value, value.startsWith("/") ? request.nextUrl.origin : undefined).protocol)) return null;
  } catch {
    // not a URL at all
  }
  return Response.json({ message: ae("callbackNotValid") }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

/**
 * Auth.js's endpoints, except that GET /api/auth/session leaves out the server-only claims: the
 * session version stays inside the encrypted cookie, where the server reads it.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const refused = unreadableCallback(request);
  if (refused) return refused;
  const response = await handlers.GET(request);
  if (!request.nextUrl.pathname.endsWith("/session") || !response.headers.get("content-type")?.includes("application/json")) return response;
  const session = (await response.json()) as Record<string, unknown> | null;
  if (session) for (const claim of SERVER_ONLY_CLAIMS) delete session[claim];
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(session), { status: response.status, headers });
}

/**
 * The REST sign-in (POST /api/auth/callback/credentials) answers a throttled attempt with 429
 * and Retry-After, as HTTP clients and scripts expect. Auth.js itself answers a redirect to the
 * sign-in page with code=throttled; the attempt has been recorded and audited by then
 * (verifyCredentials), so only the status changes. The sign-in form is a server action, which
 * cannot set a status: it says how long to wait in words instead.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const refused = unreadableCallback(request);
  if (refused) return refused;
  const form = request.nextUrl.pathname.endsWith("/callback/credentials") ? await request.clone().formData().catch(() => null) : null;
  const response = await handlers.POST(request);
  if (!form) return response;
  const location = response.headers.get("location") ?? (await response.clone().text().catch(() => ""));
  if (!/[?&]code=throttled\b/.test(location)) return response;
  const email = signInSchema.shape.email.safeParse(form.get("email") ?? "");
  const verdict = email.success ? await checkThrottle(getDb(), email.data, metaFromHeaders(request.headers).ip) : null;
  const retryAfter = verdict && !verdict.allowed ? verdict.retryAfterSeconds : 60;
  return Response.json(
    { error: "too_many_attempts", message: ae("tooManyAttemptsLater"), retryAfterSeconds: retryAfter },
    { status: 429, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } },
  );
}
