/**
 * Runs once when the server starts. Normally it does nothing. Only for the HTTP permission
 * matrix of the server actions (e2e/action-matrix.spec.ts starts a server of its own with both
 * variables set) it opens a read-only database probe on an owner-only Unix socket: see
 * src/db/probe.ts. It is never an HTTP surface.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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

/**
 * Every server error, logged once with the reference the error page shows (Next.js's digest) and
 * the request id the edge gave the request (X-Request-Id), so an administrator can find what a
 * person quotes. The person sees neither the stack nor any SQL.
 */
export async function onRequestError(error: unknown, request: { path: string; method: string; headers: Record<string, string | string[] | undefined> }, context: { routePath: string; routeType: string }): Promise<void> {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
  const requestId = request.headers["x-request-id"];
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    JSON.stringify({ level: "error", at: new Date().toISOString(), reference: digest ?? null, requestId: typeof requestId === "string" ? requestId : null, method: request.method, route: context.routePath, kind: context.routeType, message }),
  );
}
