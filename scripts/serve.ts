import { createServer } from "node:http";
import next from "next";
import { createStaticBrotli } from "../src/lib/static-brotli";
import nextConfig from "../next.config";
import { guardRequest } from "../src/lib/request-guard";
import { admissionHandler, admissionOptionsFrom, bypassesAdmission, createAdmission } from "../src/lib/admission";
import { parseTrustedProxies } from "../src/lib/client-address";
import { createDrain, drainOptionsFrom } from "../src/lib/drain";
import { markEdge, stampClientAddress } from "../src/lib/edge";
import { stopRunningWorker } from "../src/messaging/worker-slot";

/**
 * The production server: Next.js's own request handler behind admission control
 * (src/lib/admission.ts), with the build's scripts and stylesheets in brotli
 * (src/lib/static-brotli.ts). Used by npm start, npm run demo, the browser tests, the benchmark
 * and the resilience test, so all of them serve the app the same way.
 *
 *   tsx scripts/serve.ts [port] [hostname]
 *
 * ATTUNE_MAX_ACTIVE (default 8), ATTUNE_MAX_QUEUE (100) and ATTUNE_MAX_WAIT_MS (4000) tune it.
 * TRUSTED_PROXIES (addresses and CIDR ranges, empty by default) names the load balancers whose
 * X-Forwarded-For counts; the client's address reaches the app in one header set here
 * (src/lib/edge.ts), never as the client sent it.
 *
 * SIGTERM (or SIGINT) drains (src/lib/drain.ts): the health check and every new request answer 503
 * with Retry-After, the requests in hand finish (at most ATTUNE_DRAIN_MS, default 25 000 ms),
 * connections close and the process exits 0.
 *
 * The message worker (pg-boss, src/messaging/worker.ts) runs in this process too, started by
 * instrumentation.ts inside Next's server bundle so that it shares the app's database handle
 * (PGlite may be opened by one process only); ATTUNE_WORKER=off leaves it to `npm run worker`.
 */
const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
// Only from the command line: containers set HOSTNAME to their own name.
const hostname = process.argv[3] ?? undefined;
const options = admissionOptionsFrom(process.env);
const admission = createAdmission(options);
const trustedProxies = (() => {
  try {
    return parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
})();
markEdge();

// Links in messages point here unless the deployment names its public address.
process.env.ATTUNE_PUBLIC_URL ??= `http://${hostname ?? "localhost"}:${port}`;

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

// The build's JavaScript and CSS in brotli (Next serves gzip only): the trends page's JS 263 → 222 KB.
const securityHeaders = ((await nextConfig.headers?.()) ?? [])[0]?.headers ?? [];
const brotli = createStaticBrotli(nextConfig.distDir ?? ".next", securityHeaders);
const responseHeaders = Object.fromEntries(securityHeaders.map((h) => [h.key, h.value]));
const admitted = admissionHandler(admission, handle, responseHeaders);
const server = createServer((req, res) => {
  if (!drain.admit(req, res)) return;
  if (guardRequest(req, res)) return;
  stampClientAddress(req, trustedProxies);
  if (brotli(req, res)) return;
  if (bypassesAdmission(req.method, req.url)) return void handle(req, res);
  void admitted(req, res);
});
const drain = createDrain(server, { ...drainOptionsFrom(process.env), headers: responseHeaders, log: (m) => console.log(m) });
// Longer than a load balancer's idle timeout, as next start does.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  brotli.warmAll().catch((error: unknown) => console.error(`Could not prepare the brotli copies of the build's files: ${String(error)}`));
  console.log(`Attune listening on http://${hostname ?? "localhost"}:${port} (at most ${options.maxActive} requests at once, ${options.maxQueue} page loads waiting at most ${options.maxWaitMs} ms)`);
});

const stop = (signal: NodeJS.Signals) => {
  console.log(`${signal}: no new requests; finishing those in hand.`);
  // The message worker finishes (or hands back) the messages in hand while the server drains.
  const workerStopped = stopRunningWorker(4000).catch((error: unknown) => console.error(`Message worker: ${String(error)}`));
  void Promise.all([drain.start(), workerStopped]).then(([{ cutOff }]) => {
    console.log(cutOff ? `Stopped, ${cutOff} request(s) cut off at the drain limit.` : "Stopped: every request in hand was answered.");
    process.exit(0);
  });
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
