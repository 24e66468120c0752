import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { seedDemo, SeedRefused } from "../src/db/seed/demo";
import { printDemoLogins } from "./demo-logins";
import { describeDatabase } from "./lib";

const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle);
  const outcome = await seedDemo(handle.db, { password: process.env.DEMO_PASSWORD });
  console.log(outcome.kind === "seeded" ? `Demo organisation seeded into ${describeDatabase()}.` : `The demo organisation is already there (${describeDatabase()}); nothing changed.`);
  printDemoLogins();
} catch (error) {
  if (error instanceof SeedRefused) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await handle.close();
}
