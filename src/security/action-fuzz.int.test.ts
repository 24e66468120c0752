import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { matrixRoles, permissionMatrix, type MatrixRole } from "./matrix";
import { actionInputs } from "./testing/action-inputs";
import { actionEntries, fakeSession, inRolledBackCell, loadAction, observe, type Observed } from "./testing/harness";
import { buildMatrixWorld, type MatrixWorld } from "./world";

vi.mock("@/auth/session", async () => (await import("./testing/harness")).sessionModule);
vi.mock("@/auth/config", async () => (await import("./testing/harness")).authConfigModule);
vi.mock("next-auth", async () => (await import("./testing/harness")).nextAuthModule);
vi.mock("next/headers", async () => (await import("./testing/harness")).headersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/**
 * Every server action, called by someone allowed to use it, with forms mangled by fast-check:
 * fields replaced by hostile, oversized or wrong-typed values (a file, a repeated field), fields
 * dropped, and unknown or prototype-polluting keys added. Whatever arrives, the action must
 * answer (no exception, which Next turns into a 500), a refusal must say why in a short message
 * and write nothing in any table, and Object.prototype must stay clean.
 */
const PASSWORD = "fuzz-demo-password";
const RUNS = Number(process.env.ATTUNE_FUZZ_RUNS ?? 15);
const SEED = Number(process.env.ATTUNE_FUZZ_SEED ?? 20261122);
let t: TestDatabase;
let world: MatrixWorld;
const tally = { cases: 0, accepted: 0, refused: 0, notFound: 0, sessionEnded: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: PASSWORD, checkins: false });
  world = await buildMatrixWorld(t.db);
}, 120_000);
afterAll(async () => {
  console.log(`action fuzz (${process.env.ATTUNE_TEST_DRIVER}): ${JSON.stringify(tally)}`);
  await t?.close();
});

const HUGE = "x".repeat(1_000_001);
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.uuid().map(String),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "NaN",
    "-1",
    "0",
    "1e309",
    "Infinity",
    "true",
    "null",
    "undefined",
    "[]",
    "{}",
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    "' OR 1=1 --",
    "'; drop table clients; --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "\u202e\u0301\ud83d\ude00",
    "2026-02-30",
    "9999-99-99",
    "00000000-0000-0000-0000-000000000000",
    "😀".repeat(2000),
    HUGE,
  ),
);
const hostileKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "__proto__[polluted]", "constructor[prototype][polluted]", "$ACTION_ID_x", "toString", "hasOwnProperty"), fc.string({ maxLength: 20 }));

type Mutation = { kind: "keep" } | { kind: "replace"; value: string } | { kind: "drop" } | { kind: "repeat"; value: string } | { kind: "file" };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "keep" } as const) },
  { weight: 4, arbitrary: hostileText.map((value) => ({ kind: "replace", value }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: "drop" } as const) },
  { weight: 1, arbitrary: hostileText.map((value) => ({ kind: "repeat", value }) as const) },
  { weight: 1, arbitrary: fc.constant({ kind: "file" } as const) },
);
const extras = fc.array(fc.tuple(hostileKey, hostileText), { maxLength: 3 });

function mangle(fields: Record<string, string | string[]>, plan: Mutation[], extra: [string, string][]): FormData {
  const fd = new FormData();
  Object.entries(fields).forEach(([key, value], i) => {
    const m = plan[i % plan.length] ?? { kind: "keep" };
    const first = Array.isArray(value) ? (value[0] ?? "") : value;
    if (m.kind === "keep") for (const v of Array.isArray(value) ? value : [value]) fd.append(key, v);
    else if (m.kind === "replace") fd.append(key, m.value);
    else if (m.kind === "repeat") {
      fd.append(key, first);
      fd.append(key, m.value);
    } else if (m.kind === "file") fd.append(key, new Blob([first]), "upload.txt");
  });
  for (const [key, value] of extra) fd.append(key, value);
  return fd;
}

/** Someone the matrix lets use the action on counselor@'s records (or no one, for public ones). */
function allowedRole(id: string): MatrixRole | "anonymous" {
  const rule = permissionMatrix[id]!;
  const target = rule.targets ? "own" : null;
  return matrixRoles.find((r) => rule.verdict(r, target) === "allow") ?? "anonymous";
}

/**
 * The limiter ledger is written on purpose when a link or password is wrong: it is
 * what throttles guessing. Nothing else may change.
 */
const ATTEMPT_LEDGERS = new Set(["limiter_events"]);

function problem(observed: Observed, writtenTables: string[]): string | null {
  const written = writtenTables.filter((table) => !ATTEMPT_LEDGERS.has(table));
  if (observed.kind === "threw") return `threw (a 500 in the app): ${observed.message}`;
  if (observed.kind === "refused") {
    if (!observed.message.trim()) return "refused without a message";
    if (observed.message.length > 400 || /\n\s+at /.test(observed.message)) return `an unclear message: ${observed.message.slice(0, 200)}`;
  }
  if (observed.kind !== "allow" && written.length > 0) return `${observed.kind}, but wrote to ${written.join(", ")}`;
  if (({} as Record<string, unknown>).polluted !== undefined) return "Object.prototype was polluted";
  return null;
}

describe(`hostile input to every server action (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  for (const entry of actionEntries) {
    it(`${entry.file}#${entry.name}`, async () => {
      const role = allowedRole(entry.id);
      const actor = role === "anonymous" ? null : world.actors[role];
      const action = await loadAction(entry);
      const build = actionInputs[entry.id]!;
      const target = permissionMatrix[entry.id]!.targets ? "own" : null;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 12 }), extras, async (plan, extra) => {
          const { observed, written } = await inRolledBackCell(
            t,
            async (db) => build({ db, world, role, target, actor, password: PASSWORD }),
            async (call) => {
              fakeSession.actor = actor;
              try {
                return await observe(() => action(mangle(call.fields, plan, extra)));
              } finally {
                fakeSession.actor = null;
              }
            },
          );
          tally.cases++;
          if (observed.kind === "allow") tally.accepted++;
          else if (observed.kind === "refused") tally.refused++;
          else if (observed.kind === "404") tally.notFound++;
          else if (observed.kind === "session-ended") tally.sessionEnded++;
          const found = problem(observed, written);
          expect(found, JSON.stringify({ plan: plan.map((p) => ("value" in p ? { ...p, value: p.value.slice(0, 60) } : p)), extra })).toBeNull();
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    });
  }
});
