import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanInventory, type InventoryEntry } from "./inventory";
import { httpCalls } from "../../e2e/action-calls";
import { cellsOf, permissionMatrix } from "./matrix";

const root = path.resolve(import.meta.dirname, "../..");
const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, "inventory.json"), "utf8")) as InventoryEntry[];

describe("the route and action inventory", () => {
  const scanned = scanInventory(root);

  it("is generated from the code as it is now (run `npm run inventory` after adding a page, route or action)", () => {
    expect(scanned).toEqual(committed);
  });

  it("finds every kind of entry", () => {
    const ids = scanned.map((e) => e.id);
    expect(ids).toContain("page /clients/[clientId]/notes/[noteId]");
    expect(ids).toContain("route GET /api/admin/audit");
    expect(ids).toContain("action src/notes/actions.ts#saveNoteAction");
    expect(ids).toContain("action src/users/link-actions.ts#acceptInvitationAction");
  });

  it("finds no inline server action: every mutation is exported, built by the helpers in src/lib/action.ts", () => {
    expect(scanned.filter((e) => e.kind === "action" && e.inline).map((e) => e.id)).toEqual([]);
  });

  it("has a row in the permission matrix for every entry, and the matrix names nothing that is gone", () => {
    const uncovered = scanned.map((e) => e.id).filter((id) => !(id in permissionMatrix));
    const stale = Object.keys(permissionMatrix).filter((id) => !scanned.some((e) => e.id === id));
    expect(uncovered, "add these to src/security/matrix.ts").toEqual([]);
    expect(stale, "these are no longer in the code").toEqual([]);
  });

  it("gives every entry cells for each role and for no session", () => {
    for (const [id, rule] of Object.entries(permissionMatrix)) {
      const cells = cellsOf(rule);
      expect(new Set(cells.map((c) => c.role)), id).toEqual(new Set(["admin", "supervisor", "counselor", "counselor2", "other", "anonymous"]));
    }
  });

  it("gives every server action a call over HTTP, so each of its cells runs against the built app (e2e/action-matrix.spec.ts)", () => {
    const actions = scanned.filter((e) => e.kind === "action");
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((e) => !httpCalls[e.name]).map((e) => e.id), "add a call to e2e/action-calls.ts").toEqual([]);
    expect(Object.keys(httpCalls).filter((name) => !actions.some((e) => e.name === name)), "these actions are no longer in the code").toEqual([]);
  });
});
