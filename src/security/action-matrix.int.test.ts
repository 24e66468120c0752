import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed/demo";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { cellsOf, permissionMatrix, type MatrixCell } from "./matrix";
import { actionInputs, toFormData } from "./testing/action-inputs";
import { actionEntries, fakeSession, inRolledBackCell, loadAction, type Observed } from "./testing/harness";
import { buildMatrixWorld, type MatrixWorld } from "./world";

vi.mock("@/auth/session", async () => (await import("./testing/harness")).sessionModule);
vi.mock("@/auth/config", async () => (await import("./testing/harness")).authConfigModule);
vi.mock("next-auth", async () => (await import("./testing/harness")).nextAuthModule);
vi.mock("next/headers", async () => (await import("./testing/harness")).headersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

/**
 * The permission matrix for every server action, called directly (the same cells run over HTTP
 * against the built app in e2e/action-matrix.spec.ts; pages and route handlers in
 * e2e/permission-matrix.spec.ts). Each cell calls the real exported
 * action with a session of that role, in a transaction rolled back afterwards, and checks the
 * verdict; a cell that must be refused also must have written nothing, in any table.
 */
const PASSWORD = "matrix-demo-password";
let t: TestDatabase;
let world: MatrixWorld;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: PASSWORD, checkins: false });
  world = await buildMatrixWorld(t.db);
}, 120_000);
afterAll(async () => t?.close());

function describeObserved(o: Observed): string {
  switch (o.kind) {
    case "refused":
      return `refused: ${o.message} ${JSON.stringify(o.fieldErrors ?? {})}`;
    case "threw":
      return `threw: ${o.message}`;
    default:
      return o.kind;
  }
}

describe(`the permission matrix for server actions (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("has a valid call for every server action in the inventory", () => {
    expect(actionEntries.map((e) => e.id).filter((id) => !actionInputs[id])).toEqual([]);
  });

  for (const entry of actionEntries) {
    const rule = permissionMatrix[entry.id];
    it(`${entry.file}#${entry.name}: ${rule?.rule ?? "NOT IN THE MATRIX"}`, async () => {
      expect(rule, "add it to src/security/matrix.ts").toBeDefined();
      const action = await loadAction(entry);
      const build = actionInputs[entry.id]!;
      const wrong: string[] = [];
      for (const cell of cellsOf(rule!) as MatrixCell[]) {
        const actor = cell.role === "anonymous" ? null : world.actors[cell.role];
        const { observed, written } = await inRolledBackCell(
          t,
          (db) => Promise.resolve(build({ db, world, role: cell.role, target: cell.target, actor, password: PASSWORD })),
          async (call) => {
            fakeSession.actor = actor;
            try {
              const { observe } = await import("./testing/harness");
              return await observe(() => action(toFormData(call.fields)));
            } finally {
              fakeSession.actor = null;
            }
          },
        );
        const label = `${cell.role} × ${cell.target ?? "-"}: expected ${cell.verdict}, got ${describeObserved(observed)}`;
        if (observed.kind !== cell.verdict) wrong.push(label);
        else if (cell.verdict !== "allow" && written.length > 0) wrong.push(`${cell.role} × ${cell.target ?? "-"}: refused, but wrote to ${written.join(", ")}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
