/**
 * Runs once when the server starts: it loads the PDF renderer's fonts, and starts the message
 * worker (pg-boss, in this process so it shares the app's database; ATTUNE_WORKER=off turns it off).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The PDF renderer and its fonts, loaded in the background so the first report is fast.
  void import("./src/reports/pdf/render")
    .then((m) => m.warmPdfRenderer())
    .catch((error: unknown) => console.error(`The PDF fonts were not loaded at start: ${error instanceof Error ? error.message : String(error)}`));
  const { startWorkerInServer } = await import("./src/messaging/start-in-server");
  await startWorkerInServer();
}

/**
 * Every server error, logged once with the reference the error page shows (Next.js's digest) and
 * the request id the edge gave the request (X-Request-Id), so an administrator can find what a
 * person quotes. The person sees neither the stack nor any SQL.
 */
export async function onRequestError(error: unknown, request: { path: string; method: string; headers: Record<string, string | string[] | undefined> }, context: { routePath: string; routeType: string }): Promise<void> {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
  const requestId = request.headers["x-request-id"];
  // Only the first line: a failed query's message goes on with its parameters, which can hold a
  // client's name, answers or scores, and none of that belongs in a log line.
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 500);
  console.error(
    JSON.stringify({ level: "error", at: new Date().toISOString(), reference: digest ?? null, requestId: typeof requestId === "string" ? requestId : null, method: request.method, route: context.routePath, kind: context.routeType, message }),
  );
}
