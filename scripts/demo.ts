import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemo, SeedRefused } from "../src/db/seed/demo";
import { issueDemoLinks } from "../src/db/seed/demo-links";
import { buildIfNeeded } from "./build-if-needed";
import { printDemoLogins } from "./demo-logins";
import { describeDatabase, ensureAuthSecret, serveCommand, supervise } from "./lib";

// npm run demo: database (created and migrated), demo data (once), build, then serve.
const port = process.env.PORT ?? "3000";
ensureAuthSecret();

let demoLinks: { client: string; family: string } | null = null;
const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle);
  const outcome = await seedDemo(handle.db, { password: process.env.DEMO_PASSWORD });
  console.log(outcome.kind === "seeded" ? `Created the demo organisation in ${describeDatabase()}.` : `Using the existing data in ${describeDatabase()}.`);
  demoLinks = await issueDemoLinks(handle.db);
} catch (error) {
  if (error instanceof SeedRefused) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
} finally {
  // The server opens the database itself: never two processes on one PGlite directory.
  await handle.close();
}

await buildIfNeeded(process.env);
printDemoLogins(`http://localhost:${port}`);
if (demoLinks) {
  console.log(`\nPrivate portal links (new each run, valid 30 days):`);
  console.log(`  client (Avery):               http://localhost:${port}${demoLinks.client}`);
  console.log(`  family member (Marisol):      http://localhost:${port}${demoLinks.family}`);
}
console.log("");
supervise(...serveCommand(port), { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
