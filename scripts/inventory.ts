import { writeFileSync } from "node:fs";
import path from "node:path";
import { scanInventory } from "../src/security/inventory";
import { root } from "./lib";

// npm run inventory: writes the route and action inventory the permission matrix must cover.
export const INVENTORY_FILE = path.join(root, "src", "security", "inventory.json");

const entries = scanInventory(root);
writeFileSync(INVENTORY_FILE, `${JSON.stringify(entries, null, 2)}\n`);
const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
console.log(`${entries.length} entries (${count("page")} pages, ${count("route")} route handlers, ${count("action")} server actions) written to ${path.relative(root, INVENTORY_FILE)}`);
