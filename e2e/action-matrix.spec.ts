import type { APIRequestContext } from "@playwright/test";
import type { TableSnapshot } from "../src/db/testing/probe";
import { cellsOf, matrixRoles, permissionMatrix, type MatrixCell, type MatrixRole, type MatrixTarget } from "../src/security/matrix";
import { endsSessions, httpCalls, restoreWorld, runLast, type CallContext, type Who } from "./action-calls";
import { loadActionIds, newContext, observe, postAction, type ActionEntry, type ActionRef, type Fields, type Observed } from "./action-http";
import { startActionServer, type ActionServer } from "./action-server";
import { DEMO_PASSWORD } from "./fixtures";
import { expect, test } from "./fixtures";
import { HUGE_TEXT, hostileValues } from "./hostile-corpus";
import { inventory, urlFor } from "./security-world";

/**
 * The permission matrix for every exported server action, over HTTP against the built app (pages
 * and route handlers: e2e/permission-matrix.spec.ts; the same cells as integration tests with a
 * forged session: src/security/action-matrix.int.test.ts).
 *
 * Each cell posts the action as the browser does (action-http.ts: the id from the build's
 * server-reference-manifest.json, the arguments in React's reply encoding) to a page that uses
 * it, as one role signed in for real, or with no session, aimed at one record of the world, and
 * checks the verdict src/security/matrix.ts expects. A refused cell must also have written
 * nothing: every table's row count, md5 of its rows and newest transaction id, read through the
 * server's read-only database probe, are the same before and after the call.
 *
 * It runs on a server of its own (action-server.ts): allowed cells sign people out and change
 * their passwords, which would end the saved sign-ins every other browser test uses.
 */
const actionEntries = inventory.filter((e): e is ActionEntry => e.kind === "action");
const nameOf = (entry: ActionEntry) => entry.name;
const ordered = [...actionEntries.filter((e) => !runLast.includes(nameOf(e))), ...runLast.map((n) => actionEntries.find((e) => e.name === n)!).filter(Boolean)];

let server: ActionServer;
let refs: Map<string, ActionRef>;
let missingIds: string[];
const sessions = new Map<MatrixRole, APIRequestContext>();
const passwords = new Map<MatrixRole, string>();
const spareUsed = { invite: { own: 0, foreign: 0 }, reset: { own: 0, foreign: 0 } };
let anonymousCount = 0;
/** The snapshot after the last refused cell: the next one's "before", unless something was prepared since. */
let lastSnapshot: TableSnapshot | undefined;

const addressOf = (role: Who, n = 0) => `198.51.100.${10 + [...matrixRoles, "anonymous"].indexOf(role) * 20 + (n % 20)}`;

async function signIn(role: MatrixRole): Promise<APIRequestContext> {
  await sessions.get(role)?.dispose();
  const context = await newContext(server.baseURL, addressOf(role));
  const ref = refs.get("action src/auth/actions.ts#signInAction")!;
  const response = await postAction(context, "/login", ref.id, { fields: { email: server.world.actors[role].email, password: passwords.get(role) ?? DEMO_PASSWORD, callbackUrl: "/" } });
  const { observed } = await observe(response);
  if (observed.kind !== "allow") throw new Error(`signing in as ${role}: ${observed.kind} ${observed.detail}`);
  sessions.set(role, context);
  return context;
}

/** Signs in again whoever an allowed cell signed out (sign-out, a new password, a link redeemed). */
async function keepSessions(): Promise<void> {
  for (const role of matrixRoles) {
    const context = sessions.get(role);
    const response = context ? await context.get("/profile") : undefined;
    if (response?.status() !== 200) await signIn(role);
  }
}

function pageFor(ref: ActionRef, who: Who, target: MatrixTarget | null): { path: string; url: string } {
  const isPublic = (p: string) => p === "/login" || /^\/(invite|reset|p)\//.test(p);
  const ranked = [...ref.pages].sort((a, b) => {
    // Without a session, a public page lets the action itself answer (others: the proxy does).
    const pub = who === "anonymous" ? Number(isPublic(b)) - Number(isPublic(a)) : 0;
    return pub || Number(a.includes("[")) - Number(b.includes("[")) || a.localeCompare(b);
  });
  if (!ranked[0]) throw new Error("the action has no page");
  return { path: ranked[0], url: urlFor(server.world, ranked[0], target) };
}

async function send(who: Who, entry: ActionEntry, call: { fields?: Fields; args?: unknown[]; page?: string }, target: MatrixTarget | null) {
  const ref = refs.get(entry.id);
  if (!ref) throw new Error(`${entry.id} has no id in the build`);
  const page = call.page ? { path: call.page, url: call.page } : pageFor(ref, who, target);
  let context = who === "anonymous" ? await newContext(server.baseURL, addressOf("anonymous", anonymousCount++)) : sessions.get(who);
  if (!context) context = await signIn(who as MatrixRole);
  try {
    return { ...(await observe(await postAction(context, page.url, ref.id, call))), page: page.path };
  } finally {
    if (who === "anonymous") await context.dispose();
  }
}

function contextFor(cell: MatrixCell): CallContext {
  return {
    world: server.world,
    role: cell.role,
    target: cell.target,
    read: (sql, params) => server.read(sql, params),
    act: async (as, name, fields, target = cell.target) => {
      lastSnapshot = undefined;
      const entry = actionEntries.find((e) => e.name === name)!;
      const { observed, state } = await send(as, entry, { fields }, target);
      if (observed.kind !== "allow") throw new Error(`preparing the cell: ${name} as ${as}: ${observed.kind} ${observed.detail}`);
      return state;
    },
    password: (role) => passwords.get(role) ?? DEMO_PASSWORD,
    setPassword: (role, password) => void passwords.set(role, password),
    spareLink: (kind, organisation) => {
      const link = server.world.spareLinks[organisation][kind][spareUsed[kind][organisation]++];
      if (!link) throw new Error(`no spare ${kind} link left for ${organisation}`);
      return link;
    },
  };
}

/**
 * What a refused call wrote: every table whose rows, checksum or newest transaction differ.
 *
 * One thing is not the call's doing: when an action answers not found (notFound()), Next renders
 * the page it was posted to into the 404 response, and a page that shows a client's record logs
 * that view. So a view logged for that very page, by a person the matrix lets open it (a note's
 * author posting the co-sign form on their own note), is the page's audit, not a write of the
 * refused action; anything else, in any table, is.
 */
async function written(before: TableSnapshot, after: TableSnapshot, cell: MatrixCell, page: string): Promise<string[]> {
  // rci_parameter_cache and expected_recovery_fits hold derived statistics a page render may store or refresh at any time
  // (src/checkins/rci.ts, src/outcomes/expected-recovery/store.ts), never anything an action writes: a change there is no action's doing.
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => t !== "rci_parameter_cache" && t !== "expected_recovery_fits" && JSON.stringify(before[t]) !== JSON.stringify(after[t]));
  const found: string[] = [];
  for (const t of tables) {
    const rows = `${t} (rows ${before[t]?.rows} → ${after[t]?.rows})`;
    if (t !== "audit_events") {
      found.push(rows);
      continue;
    }
    const added = Number(after[t]?.rows ?? 0) - Number(before[t]?.rows ?? 0);
    const logged = added > 0 ? await server.read<{ action: string; actor: string | null }>("select action, actor_user_id::text as actor from audit_events order by id desc limit $1", [added]) : [];
    const pageRule = permissionMatrix[`page ${page}`];
    const mayOpen = cell.role !== "anonymous" && pageRule?.verdict(cell.role, cell.target) === "allow";
    const pageView = (r: { action: string; actor: string | null }) => mayOpen && r.action.endsWith(".view") && r.actor === server.world.actors[cell.role as MatrixRole].userId;
    if (added <= 0 || !logged.every(pageView)) found.push(`${rows}: ${logged.map((r) => r.action).join(", ")}`);
  }
  return found;
}

const describe = (o: Observed) => `${o.kind}: ${o.detail}`.slice(0, 300);

test.describe("the permission matrix for server actions, over HTTP", () => {
  // In order, in one worker (playwright.config.ts); a failure restarts the worker and so the server.
  test.describe.configure({ timeout: 60_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startActionServer();
    ({ refs, missing: missingIds } = loadActionIds(server.distDir, actionEntries));
    for (const role of matrixRoles) await signIn(role);
  });
  test.afterAll(async () => {
    for (const context of sessions.values()) await context.dispose();
    await server?.stop();
  });

  test("every server action in the inventory has an id in the build, and a call", () => {
    expect(missingIds, "an exported action no page uses: remove it, or use it").toEqual([]);
    expect(actionEntries.map((e) => e.name).filter((name) => !httpCalls[name]), "add a call to e2e/action-calls.ts").toEqual([]);
  });

  for (const entry of ordered) {
    const rule = permissionMatrix[entry.id];
    test(`${entry.file}#${entry.name}: ${rule?.rule ?? "NOT IN THE MATRIX"}`, async () => {
      expect(rule, "add it to src/security/matrix.ts").toBeDefined();
      expect(refs.has(entry.id), "no id in the build for this action (see the first test)").toBe(true);
      const build = httpCalls[entry.name]!;
      const cells = cellsOf(rule!);
      const wrong: string[] = [];
      // Refused cells first, each between two snapshots of every table: a refusal writes nothing.
      for (const cell of cells.filter((c) => c.verdict !== "allow")) {
        const call = await build(contextFor(cell), false);
        const before = lastSnapshot ?? (await server.snapshot());
        const { observed, page } = await send(cell.role, entry, call, cell.target);
        const after = (lastSnapshot = await server.snapshot());
        const label = `${cell.role} × ${cell.target ?? "-"}`;
        if (observed.kind !== cell.verdict) wrong.push(`${label}: expected ${cell.verdict}, got ${describe(observed)}`);
        const writes = await written(before, after, cell, page);
        if (writes.length > 0) wrong.push(`${label}: refused, but wrote to ${writes.join(", ")}`);
      }
      lastSnapshot = undefined;
      for (const cell of cells.filter((c) => c.verdict === "allow")) {
        const call = await build(contextFor(cell), true);
        const { observed, state } = await send(cell.role, entry, call, cell.target);
        if (observed.kind !== "allow") wrong.push(`${cell.role} × ${cell.target ?? "-"}: expected allow, got ${describe(observed)}`);
        else await call.after?.(observed, state);
      }
      if (endsSessions.includes(entry.name)) await keepSessions();
      expect(wrong).toEqual([]);
    });
  }

  /**
   * Hostile input, after the matrix: every action, called as someone allowed to use it and with no
   * session, with each field in turn (and then all at once) replaced by the hostile corpus, a
   * field repeated, and every field missing. No answer may be a server error (a body over the
   * limit answers 413 at the edge), and a refusal writes nothing.
   */
  const hostileTally = { requests: 0, serverErrors: 0, tooLarge: 0, refusedWithWrites: 0 };
  for (const entry of ordered) {
    test(`${entry.file}#${entry.name}: hostile input answers without a server error`, async () => {
      test.setTimeout(120_000);
      const rule = permissionMatrix[entry.id]!;
      const allowed = cellsOf(rule).find((c) => c.verdict === "allow" && c.role !== "anonymous") ?? cellsOf(rule)[0]!;
      await keepSessions();
      const base = await httpCalls[entry.name]!(contextFor(allowed), true);
      if (!base.fields) return; // plain-argument actions (sign-out) take no form
      const names = Object.keys(base.fields).filter((n) => n !== "token");
      const offset = ordered.indexOf(entry);
      const variants: { who: Who; fields: Fields }[] = [];
      // Sign-in and password changes count failed attempts towards a lock: only with no session.
      const quiet = entry.name === "signInAction" || endsSessions.includes(entry.name);
      if (!quiet) names.forEach((name, i) => {
        for (let k = 0; k < 2; k++) variants.push({ who: allowed.role, fields: { ...base.fields, [name]: hostileValues[(i * 2 + k + offset) % hostileValues.length]! } });
        variants.push({ who: allowed.role, fields: { ...base.fields, [name]: [String(base.fields![name]), "repeated"] } });
      });
      const who: Who = quiet ? "anonymous" : allowed.role;
      // All fields at once: a quarter of the corpus per action, a different quarter for the next.
      // A portal link's token stays: without it the call is a link guess, which the throttle rightly counts.
      const kept: Fields = base.fields.token === undefined ? {} : { token: base.fields.token };
      if (!quiet) for (let k = 0; k < 5; k++) variants.push({ who, fields: { ...kept, ...Object.fromEntries(names.map((n) => [n, hostileValues[(offset + k * 4) % hostileValues.length]!])) } });
      variants.push({ who, fields: { ...kept } }, { who: "anonymous", fields: { ...kept, ...Object.fromEntries(names.map((n) => [n, "a\u0000b"])) } });
      variants.push({ who, fields: { ...base.fields, [names[0] ?? "x"]: HUGE_TEXT } });
      const wrong: string[] = [];
      let after: TableSnapshot | undefined;
      for (const variant of variants) {
        // A refusal's "after" is the next call's "before"; only an allowed call needs a new one.
        const before = after ?? (await server.snapshot());
        after = undefined;
        let response: Awaited<ReturnType<typeof send>>;
        try {
          response = await send(variant.who, entry, { fields: variant.fields, page: base.page }, allowed.target);
        } catch (error) {
          // The edge answers an oversized body with 413 and closes the connection: a client still
          // writing it may see the socket closed (EPIPE, ECONNRESET) before it reads the answer.
          const huge = Object.values(variant.fields).some((v) => v === HUGE_TEXT);
          if (!huge || !/EPIPE|ECONNRESET/.test(String(error))) throw error;
          hostileTally.requests++;
          hostileTally.tooLarge++;
          continue;
        }
        hostileTally.requests++;
        const label = `${variant.who} ${JSON.stringify(variant.fields).slice(0, 160)}`;
        if (response.observed.kind === "threw") {
          if (/^HTTP 413/.test(response.observed.detail)) hostileTally.tooLarge++;
          else {
            hostileTally.serverErrors++;
            wrong.push(`${label}: ${describe(response.observed)}`);
          }
        }
        if (response.observed.kind !== "allow") {
          after = await server.snapshot();
          const writes = await written(before, after, { role: variant.who, target: allowed.target, verdict: "404" }, response.page);
          if (writes.length > 0) {
            hostileTally.refusedWithWrites++;
            wrong.push(`${label}: refused (${response.observed.kind}), but wrote to ${writes.join(", ")}`);
          }
        }
      }
      if (endsSessions.includes(entry.name)) await keepSessions();
      await restoreWorld(contextFor(allowed));
      expect(wrong).toEqual([]);
    });
  }
  test.afterAll(() => {
    console.log(`action hostile input: ${hostileTally.requests} requests, ${hostileTally.serverErrors} answered 5xx, ${hostileTally.tooLarge} answered 413, ${hostileTally.refusedWithWrites} refusals that wrote`);
  });

  test("an idempotency key belongs to the person who made it: anyone else's replay answers as not found and writes nothing", async () => {
    const entry = actionEntries.find((e) => e.name === "createNoteAction")!;
    const fields = { ...(await httpCalls.createNoteAction!(contextFor({ role: "counselor", target: "own", verdict: "allow" }), true)).fields!, _idempotency: "replayKey0123456789abcdef" };
    const first = await send("counselor", entry, { fields }, "own");
    expect(first.observed.kind).toBe("allow");
    for (const who of ["supervisor", "counselor2"] as const) {
      const before = await server.snapshot();
      const replay = await send(who, entry, { fields }, "own");
      expect(replay.observed.kind, who).toBe("404");
      expect(await written(before, await server.snapshot(), { role: who, target: "own", verdict: "404" }, replay.page), who).toEqual([]);
    }
    const again = await send("counselor", entry, { fields }, "own");
    expect(again.observed).toEqual({ kind: "allow", detail: "Already saved." });
  });
});

