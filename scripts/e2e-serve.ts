import { openedDatabase } from "../src/db/client";
import { startDatabaseProbe } from "../src/db/testing/probe";

/**
 * The browser tests' server process: scripts/serve.ts, as in production, plus (only when the
 * HTTP matrix of the server actions asks for it, e2e/action-server.ts) the read-only database
 * probe of src/db/testing/probe.ts in the same process. Production starts scripts/serve.ts
 * directly, so neither the build nor `npm start` contains the probe.
 *
 *   node --import tsx scripts/e2e-serve.ts [port] [hostname]
 */
const socketPath = process.env.ATTUNE_DB_PROBE_SOCKET;
const secret = process.env.ATTUNE_DB_PROBE_SECRET;
if (socketPath && secret) {
  // For the embedded database of a throwaway test server only, never beside a PostgreSQL server.
  if (process.env.DATABASE_URL) throw new Error("The database probe is for the embedded test database only: unset DATABASE_URL.");
  // The app opens the database in this process on its first request (the health check that
  // tells the test the server is up); the probe only reads through that same handle.
  startDatabaseProbe(socketPath, secret, openedDatabase);
}
await import("./serve");
