/**
 * Runs once when the server starts: it starts the message worker (pg-boss, in this process so it
 * shares the app's database; ATTUNE_WORKER=off turns it off). Only for the HTTP permission
 * matrix of the server actions (e2e/action-matrix.spec.ts starts a server of its own with both
 * variables set) it opens a read-only database probe on an owner-only Unix socket: see
 * src/db/probe.ts. It is never an HTTP surface.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWorkerInServer } = await import("./src/messaging/start-in-server");
  await startWorkerInServer();
  const socketPath = process.env.ATTUNE_DB_PROBE_SOCKET;
  const secret = process.env.ATTUNE_DB_PROBE_SECRET;
  if (!socketPath || !secret) return;
  // Only ever for the embedded database of a test server, never beside a PostgreSQL deployment.
  if (process.env.DATABASE_URL) {
    console.error("ATTUNE_DB_PROBE_SOCKET is ignored: the database probe is for the embedded test database only.");
    return;
  }
  const { startDatabaseProbe } = await import("./src/db/probe");
  startDatabaseProbe(socketPath, secret);
}
