import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { describeDatabase } from "./lib";

const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
const started = Date.now();
await migrateDatabase(handle);
await handle.close();
console.log(`Migrations applied to ${describeDatabase()} in ${Date.now() - started} ms.`);
