import { existsSync, readFileSync } from "node:fs";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { InventoryEntry } from "../src/security/inventory";
import { seesClient, type MatrixRole, type MatrixTarget } from "../src/security/matrix";
import type { MatrixWorld } from "../src/security/world";

const NUMBNESS_URL = "https://attune.health/fhir/Questionnaire/attune-numbness";
import { storageStateFor } from "./fixtures";

/** Where the e2e server wrote the matrix's records (scripts/e2e-world.ts). */
export function loadWorld(): MatrixWorld {
  const file = `e2e/.auth/${process.env.E2E_PORT ?? "3210"}/world.json`;
  if (!existsSync(file)) throw new Error(`${file} is missing: the e2e server (scripts/e2e-server.ts) writes it at start`);
  return JSON.parse(readFileSync(file, "utf8")) as MatrixWorld;
}

export const inventory = JSON.parse(readFileSync("src/security/inventory.json", "utf8")) as InventoryEntry[];

export type Who = MatrixRole | "anonymous";

/** One request context per role, signed in with the setup project's saved state; none for "anonymous". */
export async function contextsFor(baseURL: string): Promise<Record<Who, APIRequestContext>> {
  const make = (storageState?: string) => request.newContext({ baseURL, storageState, maxRedirects: 0 });
  return {
    admin: await make(storageStateFor("admin")),
    supervisor: await make(storageStateFor("supervisor")),
    counselor: await make(storageStateFor("counselor")),
    counselor2: await make(storageStateFor("counselor2")),
    other: await make(storageStateFor("other")),
    anonymous: await make(),
  };
}

/** The URL of a page or route for one record of the world. */
export function urlFor(world: MatrixWorld, path: string, target: MatrixTarget | null): string {
  const c = world.targets[target ?? "own"];
  const org = world.organisations[target === "foreign" ? "foreign" : "own"];
  const token = path.startsWith("/invite/") ? org.inviteToken : path.startsWith("/reset/") ? org.resetToken : world.targets.own.portalToken;
  const noteId = path.endsWith("/edit") && path.includes("[noteId]") ? c.draftNoteId : c.signedNoteId;
  const url = path
    .replace("[clientId]", c.clientId)
    .replace("[noteId]", noteId)
    .replace("[administrationId]", c.administrationId)
    .replace("[entryId]", c.entryId)
    .replace("[assignmentId]", c.assignmentId)
    .replace("[scheduleId]", c.scheduleId)
    .replace("[userId]", org.userId)
    .replace("[instrumentId]", org.instrumentId)
    .replace("[exerciseId]", org.exerciseId)
    .replace("[token]", token)
    .replace("[format]", "checkins-csv")
    .replace("[...nextauth]", "session");
  // Taking a check-in needs the check-in to take.
  return path.endsWith("/checkins/new") ? `${url}?instrument=${encodeURIComponent(NUMBNESS_URL)}` : url;
}

/** Pages anyone may open; every other page (the portal included) must not be cached. */
export const isPublicPage = (path: string) => path === "/login" || path.startsWith("/invite/") || path.startsWith("/reset/");

/** The audit log's length for the demo organisation, from the admin's CSV export (which logs itself). */
export async function auditRows(admin: APIRequestContext): Promise<number> {
  const response = await admin.get("/api/admin/audit");
  if (response.status() !== 200) throw new Error(`audit export answered ${response.status()}`);
  return (await response.text()).split("\n").filter((line) => line.trim() !== "").length - 1;
}

/**
 * The audit log names the client an event was about by record number (never by name): answering
 * "who opened this record" is what it is for, so its administrators see record numbers.
 */
export const showsRecordNumbers = (path: string) => path === "/admin/audit" || path === "/api/admin/audit";

/**
 * What must never reach a browser: password and token hashes, the secret columns' names, and
 * the names and record numbers of clients this person may not see.
 */
export function leaksIn(world: MatrixWorld, who: Who, body: string, options: { allowedTokens?: string[]; recordNumbersAllowed?: boolean } = {}): string[] {
  const allowedTokens = options.allowedTokens ?? [];
  const found: string[] = [];
  if (/\$argon2(id|i|d)\$/.test(body)) found.push("an argon2 password hash");
  const hex = body.match(/(?<![0-9a-zA-Z])[0-9a-f]{64}(?![0-9a-zA-Z])/g);
  if (hex) found.push(`64-hex strings (token hashes?): ${hex.slice(0, 2).join(", ")}`);
  const field = body.match(/session_?version|password_?hash|token_?hash|totp_?secret/i);
  if (field) found.push(`the field name ${field[0]}`);
  const tokens = [...Object.values(world.targets).map((t) => t.portalToken), ...Object.values(world.organisations).flatMap((o) => [o.inviteToken, o.resetToken])];
  for (const token of tokens) if (!allowedTokens.includes(token) && body.includes(token)) found.push(`a raw link token not in this URL`);
  for (const [target, c] of Object.entries(world.targets) as [MatrixTarget, MatrixWorld["targets"][MatrixTarget]][]) {
    const visible = who !== "anonymous" && seesClient(who, target);
    if (visible) continue;
    if (body.includes(c.clientName)) found.push(`the name of ${target} client ${c.clientName}`);
    if (!options.recordNumbersAllowed && body.includes(c.recordNumber)) found.push(`the record number ${c.recordNumber}`);
  }
  if (who === "other" && /RRC-\d{4}/.test(body)) found.push("a record number of the other organisation");
  return found;
}

/** The security headers every page carries; no-store for everything but the public pages. */
export function headerProblems(path: string, response: APIResponse): string[] {
  const h = response.headers();
  const problems: string[] = [];
  const csp = h["content-security-policy"] ?? "";
  if (!/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/.test(csp) || !csp.includes("'strict-dynamic'")) problems.push(`CSP without a nonce and strict-dynamic: ${csp}`);
  if (!/max-age=\d{7,}/.test(h["strict-transport-security"] ?? "")) problems.push("no HSTS");
  if (h["x-content-type-options"] !== "nosniff") problems.push("no nosniff");
  if (!h["referrer-policy"]) problems.push("no Referrer-Policy");
  if (!isPublicPage(path) && !(h["cache-control"] ?? "").includes("no-store")) problems.push(`Cache-Control ${h["cache-control"]} on a clinical page`);
  return problems;
}
