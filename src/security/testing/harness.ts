import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import type { Actor } from "@/auth/actor";
import { installDatabase, rowsOf, type Db } from "@/db/client";
import { idleState, type FormState } from "@/lib/form-state";
import type { TestDatabase } from "@/lib/testing/db";
import type { InventoryEntry } from "../inventory";

/**
 * Calls the real server actions the way Next does (a FormData, the previous state), with the
 * session, request headers and cache stubbed. Test files wire the stubs with:
 *
 *   vi.mock("@/auth/session", async () => (await import("@/security/testing/harness")).sessionModule);
 *   vi.mock("@/auth/config", async () => (await import("@/security/testing/harness")).authConfigModule);
 *   vi.mock("next-auth", async () => (await import("@/security/testing/harness")).nextAuthModule);
 *   vi.mock("next/headers", async () => (await import("@/security/testing/harness")).headersModule);
 *   vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
 */
export const fakeSession: { actor: Actor | null } = { actor: null };

const requireSignedIn = async () => {
  if (!fakeSession.actor) redirect("/login");
  return fakeSession.actor;
};

/** @/auth/session with the forged person fully signed in (two-factor, where required, done). */
export const sessionModule = {
  TWO_FACTOR_SETUP_PATH: "/two-factor",
  getSessionState: async () => (fakeSession.actor ? { actor: fakeSession.actor } : { actor: null, reason: "none" as const }),
  getActor: async () => fakeSession.actor,
  getActorIncludingSetup: async () => fakeSession.actor,
  requireActor: requireSignedIn,
  requireActorIncludingSetup: requireSignedIn,
};

export const authConfigModule = {
  auth: async () => null,
  // Credentials are checked by src/auth/credentials (its own tests); here signing in succeeds.
  signIn: async () => undefined,
  signOut: async (options?: { redirectTo?: string }) => redirect(options?.redirectTo ?? "/login"),
  handlers: {},
};

// next-auth cannot load outside Next's bundler; the sign-in action only needs its error classes.
class AuthError extends Error {}
export const nextAuthModule = { AuthError, CredentialsSignin: class CredentialsSignin extends AuthError { code = "credentials"; } };

const cookieJar = { get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined };
export const headersModule = {
  headers: async () => new Headers({ "user-agent": "vitest", "x-forwarded-for": "198.51.100.23" }),
  cookies: async () => cookieJar,
};

const root = path.resolve(import.meta.dirname, "../../..");
export const inventory = JSON.parse(readFileSync(path.join(root, "src/security/inventory.json"), "utf8")) as InventoryEntry[];
export const actionEntries = inventory.filter((e): e is Extract<InventoryEntry, { kind: "action" }> => e.kind === "action");

declare global {
  interface ImportMeta {
    /** Vite's lazy module map (vitest runs on Vite; vite itself is vitest's own dependency). */
    glob(patterns: string[]): Record<string, () => Promise<unknown>>;
  }
}

// Every module under src/ that could hold server actions, loaded only when a test asks for it.
const actionModules = import.meta.glob(["/src/**/*.ts", "!/src/**/*.test.ts", "!/src/**/testing/**"]);

type ActionFunction = (previous: FormState, formData: FormData) => Promise<FormState | void>;

/** The exported function itself, loaded from its module. */
export async function loadAction(entry: Extract<InventoryEntry, { kind: "action" }>): Promise<(formData: FormData) => Promise<FormState | void>> {
  const key = `${entry.file}#${entry.name}`;
  if (entry.inline) throw new Error(`${key} is an inline server action: build it with the helpers in src/lib/action.ts and export it`);
  const load = actionModules[`/${entry.file}`];
  if (!load) throw new Error(`${entry.file} is not among the modules this harness can load`);
  const mod = (await load()) as Record<string, unknown>;
  const fn = mod[entry.name];
  if (typeof fn !== "function") throw new Error(`${key} is not a function`);
  // signOutAction takes a reason, not a form; every other action is a form action.
  return entry.name === "signOutAction" ? () => (fn as () => Promise<void>)() : (fd) => (fn as ActionFunction)(idleState, fd);
}

export type Observed =
  | { kind: "allow"; detail: string }
  | { kind: "404" }
  | { kind: "session-ended" }
  | { kind: "refused"; message: string; fieldErrors?: Record<string, string[]> }
  | { kind: "threw"; message: string };

const SESSION_ENDED = /^Your session has ended/;
// The portal's answers for a link or a record that is not the holder's: its "not found".
const PORTAL_NOT_FOUND = /^(This link does not work any more|This is no longer open for you)/;

/** What a person would get back: a saved form, a redirect, a 404 page, or a message. */
export async function observe(call: () => Promise<FormState | void>): Promise<Observed> {
  try {
    const state = await call();
    if (!state || state.status === "success") return { kind: "allow", detail: state?.message ?? "done" };
    const message = state.message ?? "";
    if (SESSION_ENDED.test(message)) return { kind: "session-ended" };
    if (PORTAL_NOT_FOUND.test(message)) return { kind: "404" };
    return { kind: "refused", message, fieldErrors: state.fieldErrors };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "404" };
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { kind: "allow", detail: `redirect ${digest.split(";")[2]}` };
    return { kind: "threw", message: error instanceof Error ? `${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n")}` : String(error) };
  }
}

class Rollback extends Error {}

const baselines = new WeakMap<TestDatabase, Awaited<ReturnType<typeof tableCounts>>>();

/**
 * Runs one cell in a transaction that is rolled back afterwards, so every cell starts from the
 * same world. The action sees a savepoint as its database (its own transactions nest inside),
 * and it is released even when the action throws, exactly as a committed request would leave it.
 * Returns what the action did and which tables it changed (rows added, changed or removed).
 */
export async function inRolledBackCell<T>(
  t: TestDatabase,
  setup: (db: Db) => Promise<{ prepare?: (db: Db) => Promise<void> } & T>,
  act: (call: T) => Promise<Observed>,
): Promise<{ observed: Observed; written: string[] }> {
  let result: { observed: Observed; written: string[] } | undefined;
  try {
    await t.db.transaction(async (outer) => {
      const call = await setup(outer);
      if (call.prepare) await outer.transaction(async (sp) => call.prepare!(sp));
      // Every cell is rolled back, so without a prepare step every cell starts from the same rows.
      const before = call.prepare ? await tableCounts(outer) : (baselines.get(t) ?? baselines.set(t, await tableCounts(outer)).get(t)!);
      let observed: Observed = { kind: "threw", message: "not run" };
      await outer.transaction(async (sp) => {
        installDatabase({ ...t, db: sp });
        try {
          observed = await act(call);
        } finally {
          installDatabase(t);
        }
      });
      const after = await tableCounts(outer, before.newestXid + 1);
      const written = Object.keys(after.rows).filter((table) => after.rows[table] !== before.rows[table] || (after.touched[table] ?? 0) > 0);
      result = { observed, written };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result!;
}

let tableList: string[] | undefined;

/**
 * Rows per table; how many rows were inserted or updated by transactions from id `since` on; and
 * the newest transaction id of any row (transaction ids only grow: a later write has a larger one).
 */
export async function tableCounts(db: Db, since?: number): Promise<{ rows: Record<string, number>; touched: Record<string, number>; newestXid: number }> {
  tableList ??= rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.name);
  const parts = tableList.map(
    (name) =>
      `select '${name}' as name, count(*)::int as n, ${since === undefined ? "0" : `count(*) filter (where xmin::text::bigint >= ${since})::int`} as w, coalesce(max(xmin::text::bigint), 0)::text as x from "${name}"`,
  );
  const rows = rowsOf<{ name: string; n: number; w: number; x: string }>(await db.execute(sql.raw(parts.join(" union all "))));
  return {
    rows: Object.fromEntries(rows.map((r) => [r.name, Number(r.n)])),
    touched: Object.fromEntries(rows.map((r) => [r.name, Number(r.w)])),
    newestXid: Math.max(...rows.map((r) => Number(r.x))),
  };
}
