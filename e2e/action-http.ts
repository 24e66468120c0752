import { readFileSync } from "node:fs";
import path from "node:path";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { InventoryEntry } from "../src/security/inventory";

/**
 * Calling a server action over HTTP exactly as the browser does, and reading what it answered.
 *
 * The request (observed on this app's sign-in form with Playwright, and as React's encodeReply
 * writes it, react-server-dom-webpack's processReply): a POST to a page that uses the action,
 * with `Next-Action: <id>` and `Accept: text/x-component`. A form action's arguments are
 * (previous state, FormData); encodeReply sends them as multipart/form-data: the form's fields
 * under `_1_<name>` (part 1 of the reply) and the argument list as JSON in field `0`, the
 * FormData written as a reference to part 1: `[{"status":"idle"},"$K1"]`. Arguments without a
 * FormData (signOutAction("signed_out")) are sent as that JSON alone, as text/plain.
 *
 * The ids come from the build: <distDir>/server/server-reference-manifest.json maps each id to
 * { workers: { "app/(app)/…/page": … }, filename, exportedName } (inline actions of a page are
 * named $$RSC_SERVER_ACTION_<n>). The pages that may receive it are its workers: Next refuses an
 * action posted to a page that does not use it.
 */
export type ActionEntry = Extract<InventoryEntry, { kind: "action" }>;

interface ManifestAction {
  workers: Record<string, unknown>;
  filename: string;
  exportedName: string;
}

export interface ActionRef {
  id: string;
  /** URL paths (with [params]) of the pages that use it. */
  pages: string[];
}

export function loadActionIds(distDir: string, entries: readonly ActionEntry[]): { refs: Map<string, ActionRef>; missing: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestAction> };
  const refs = new Map<string, ActionRef>();
  const missing: string[] = [];
  for (const entry of entries) {
    const candidates = Object.entries(manifest.node).filter(([, a]) => a.filename === entry.file && (entry.inline ? a.exportedName.startsWith("$$RSC_SERVER_ACTION_") : a.exportedName === entry.name));
    // An inline action is known by its file alone: only certain when the file has one.
    if (candidates.length !== 1) {
      missing.push(`${entry.id}: ${candidates.length === 0 ? "no id in the build (no page uses it, so it cannot be called)" : `${candidates.length} candidate ids`}`);
      continue;
    }
    const [id, action] = candidates[0]!;
    const pages = Object.keys(action.workers)
      .filter((w) => w.endsWith("/page"))
      .map((w) => `/${w.split("/").slice(1, -1).filter((s) => !/^\(.*\)$/.test(s)).join("/")}`)
      .sort();
    refs.set(entry.id, { id, pages });
  }
  return { refs, missing };
}

export type Observed =
  | { kind: "allow"; detail: string }
  | { kind: "404"; detail: string }
  | { kind: "session-ended"; detail: string }
  | { kind: "refused"; detail: string }
  | { kind: "threw"; detail: string };

/** What an action's form shows; the subset this test reads. */
export interface ActionState {
  status?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  data?: unknown;
}

// The same answers the integration matrix reads as "session ended" and, from the portal, as not found
// (src/security/testing/harness.ts).
const SESSION_ENDED = /^Your session has ended/;
const PORTAL_NOT_FOUND = /^(This link does not work any more|This is no longer open for you)/;

/**
 * The rows of a React server payload: `<hex id>:<json>` lines, and text rows `<hex id>:T<hex
 * byte length>,<text>` that carry a long string with no line end after it (a form's echoed values).
 */
function rowsOf(body: string): Map<string, string> {
  const rows = new Map<string, string>();
  const bytes = Buffer.from(body, "utf8");
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(":", at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString("utf8");
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(",", colon);
      const length = Number.parseInt(bytes.subarray(colon + 2, comma).toString("utf8"), 16);
      rows.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString("utf8")));
      at = comma + 1 + length;
      continue;
    }
    const end = bytes.indexOf("\n", colon);
    const stop = end < 0 ? bytes.length : end;
    if (/^[0-9a-f]+$/.test(id)) rows.set(id, bytes.subarray(colon + 1, stop).toString("utf8"));
    at = stop + 1;
  }
  return rows;
}

/** The action's return value, decoded from the payload's root row (`0:{"a":"$@1",…}`). */
export function actionResult(body: string): ActionState | undefined | "none" {
  const rows = rowsOf(body);
  const root = rows.get("0");
  if (!root) return "none";
  const ref = (JSON.parse(root) as { a?: unknown }).a;
  if (ref === undefined) return "none";
  if (ref === "$undefined") return undefined;
  if (typeof ref === "string" && ref.startsWith("$@")) {
    const row = rows.get(ref.slice(2));
    if (!row) return "none";
    const value = JSON.parse(row) as unknown;
    return value === "$undefined" ? undefined : (value as ActionState);
  }
  return ref as ActionState;
}

/**
 * How each verdict shows over HTTP:
 * - allow: a success state, no state at all (the action returned nothing), or a redirect the
 *   action asked for (`x-action-redirect`), e.g. to the new record or, after signing out, to
 *   /login?reason=signed_out (any other redirect to /login counts as session-ended).
 * - 404: the HTTP status 404 (the action called notFound(): the very answer a missing record
 *   gets), or the portal's not-found message (its link is the credential, so it answers in the form).
 * - session-ended: the form's "Your session has ended" state, or, when the page itself needs a
 *   session, the proxy's redirect to /login before any action runs.
 * - refused: any other error state (a validation or business-rule message): never expected.
 */
export async function observe(response: APIResponse): Promise<{ observed: Observed; state?: ActionState }> {
  const status = response.status();
  const headers = response.headers();
  if (status >= 300 && status < 400) {
    const location = headers.location ?? "";
    const to = new URL(location, "http://x").pathname;
    return { observed: to === "/login" ? { kind: "session-ended", detail: `proxy redirect to ${location}` } : { kind: "refused", detail: `redirect ${status} to ${location}` } };
  }
  if (status === 404) return { observed: { kind: "404", detail: "HTTP 404" } };
  const body = await response.text();
  if (status !== 200) return { observed: { kind: "threw", detail: `HTTP ${status}: ${body.slice(0, 300)}` } };
  const redirect = headers["x-action-redirect"];
  if (redirect) {
    // To sign-in: done (signed out, a password set by link), or sent there for want of a session.
    const to = new URL(redirect.split(";")[0]!, "http://x");
    const done = ["signed_out", "invite_accepted", "password_changed"].includes(to.searchParams.get("reason") ?? "");
    if (to.pathname === "/login" && !done) return { observed: { kind: "session-ended", detail: `redirect ${redirect}` } };
    return { observed: { kind: "allow", detail: `redirect ${redirect}` } };
  }
  const state = actionResult(body);
  if (state === "none") return { observed: { kind: "threw", detail: `no action result in: ${body.slice(0, 300)}` } };
  if (!state || state.status === "success") return { observed: { kind: "allow", detail: state?.message ?? "done" }, state };
  const message = state.message ?? "";
  if (SESSION_ENDED.test(message)) return { observed: { kind: "session-ended", detail: message }, state };
  if (PORTAL_NOT_FOUND.test(message)) return { observed: { kind: "404", detail: message }, state };
  return { observed: { kind: "refused", detail: `${message} ${JSON.stringify(state.fieldErrors ?? {})}` }, state };
}

export type Fields = Record<string, string | string[]>;

/** Posts one action call: a form action's (idle state, FormData), or a list of plain arguments. */
export function postAction(context: APIRequestContext, url: string, actionId: string, call: { fields?: Fields; args?: unknown[] }): Promise<APIResponse> {
  const headers = { "Next-Action": actionId, Accept: "text/x-component" };
  if (call.args) return context.post(url, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify(call.args) });
  const form = new FormData();
  for (const [key, value] of Object.entries(call.fields ?? {})) for (const item of Array.isArray(value) ? value : [value]) form.append(`_1_${key}`, item);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return context.post(url, { headers, multipart: form });
}

/** A request context without redirects followed, as one address (sign-in limits are per address). */
export function newContext(baseURL: string, address: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, maxRedirects: 0, extraHTTPHeaders: { "x-forwarded-for": address } });
}

/** RFC 6238 time-based one-time password (SHA-1, 30 s, 6 digits), as an authenticator app makes it. */
export async function totp(base32Secret: string, at = Date.now()): Promise<string> {
  const { createHmac } = await import("node:crypto");
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of base32Secret.replace(/[\s=-]/g, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}
