import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../src/db/client";
import { buildMatrixWorld } from "../src/security/world";

// Adds the permission matrix's records to the browser tests' freshly seeded database and writes
// where they are (ids and the raw link tokens) for e2e/permission-matrix.spec.ts.
// Usage: tsx --conditions=react-server scripts/e2e-world.ts <pglite dir> <output json>
const [dataDir, output] = process.argv.slice(2);
if (!dataDir || !output) throw new Error("usage: e2e-world.ts <pglite dir> <output json>");
const handle = openDatabase({ dataDir });
const world = await buildMatrixWorld(handle.db);
await handle.close();
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(world, null, 2));
