import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "../src/auth/actor";
import { openDatabase, type Db } from "../src/db/client";
import { executeAction } from "../src/lib/action-core";
import { buildMatrixWorld, type MatrixWorld } from "../src/security/world";
import { inviteUser, inviteUserSpec, issueReset, issueResetSpec } from "../src/users/admin-mutations";
import { redeemToken } from "../src/users/tokens";

// Adds the permission matrix's records to the browser tests' freshly seeded database and writes
// where they are (ids and the raw link tokens) for e2e/permission-matrix.spec.ts.
// Usage: tsx --conditions=react-server scripts/e2e-world.ts <pglite dir> <output json>
//
// With ATTUNE_E2E_SPARE_LINKS=n (set only by e2e/action-server.ts, for the server actions'
// HTTP matrix) it also makes, per organisation, n unused invitation links and n unused reset
// links of n further active people: a one-time link works once, and every cell of the
// invitation and reset actions is allowed, so each cell needs its own.
const [dataDir, output] = process.argv.slice(2);
if (!dataDir || !output) throw new Error("usage: e2e-world.ts <pglite dir> <output json>");

export type SpareLinks = Record<"own" | "foreign", { invite: string[]; reset: string[] }>;

const meta = { ip: "192.0.2.82", userAgent: "matrix-spare-links" };

async function spareLinks(db: Db, admin: Actor, label: string, n: number): Promise<{ invite: string[]; reset: string[] }> {
  const tokenOf = (p: string) => p.split("/").at(-1)!;
  const invite = async (name: string) => {
    const outcome = await executeAction(db, admin, inviteUserSpec, inviteUser, { name, email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@attune.test`, role: "counselor" }, meta);
    if (outcome.kind !== "ok") throw new Error(`spare links: invite failed: ${JSON.stringify(outcome)}`);
    return outcome.result;
  };
  const links = { invite: [] as string[], reset: [] as string[] };
  for (let i = 0; i < n; i++) {
    links.invite.push(tokenOf((await invite(`Spare Invitee ${label} ${i}`)).link.path));
    // A reset link is for an active person, and a new one ends the last: one person each.
    const person = await invite(`Spare Resetter ${label} ${i}`);
    const redeemed = await redeemToken(db, "invite", { token: tokenOf(person.link.path), password: "a long spare matrix password", confirmPassword: "a long spare matrix password" }, meta);
    if (redeemed.kind !== "ok") throw new Error(`spare links: accepting failed: ${JSON.stringify(redeemed)}`);
    const reset = await executeAction(db, admin, issueResetSpec, issueReset, { userId: person.userId }, meta);
    if (reset.kind !== "ok") throw new Error(`spare links: reset failed: ${JSON.stringify(reset)}`);
    links.reset.push(tokenOf(reset.result.path));
  }
  return links;
}

const handle = openDatabase({ dataDir });
const world: MatrixWorld & { spareLinks?: SpareLinks } = await buildMatrixWorld(handle.db);
const spare = Number(process.env.ATTUNE_E2E_SPARE_LINKS ?? 0);
if (spare > 0) {
  world.spareLinks = {
    own: await spareLinks(handle.db, world.actors.admin, "own", spare),
    // The second organisation has no administrator: a stand-in, as in world.ts.
    foreign: await spareLinks(handle.db, { ...world.actors.other, role: "admin" }, "foreign", spare),
  };
}
await handle.close();
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(world, null, 2));
