import { createServer } from "node:http";
import next from "next";
import { createStaticBrotli } from "../src/lib/static-brotli";
import nextConfig from "../next.config";
import { admissionHandler, admissionOptionsFrom, bypassesAdmission, createAdmission } from "../src/lib/admission";
import { parseTrustedProxies } from "../src/lib/client-address";
import { markEdge, stampClientAddress } from "../src/lib/edge";

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

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

// The build's JavaScript and CSS in brotli (Next serves gzip only): the trends page's JS 263 → 222 KB.
const securityHeaders = ((await nextConfig.headers?.()) ?? [])[0]?.headers ?? [];
const brotli = createStaticBrotli(nextConfig.distDir ?? ".next", securityHeaders);
const admitted = admissionHandler(admission, handle, Object.fromEntries(securityHeaders.map((h) => [h.key, h.value])));
const server = createServer((req, res) => {
  stampClientAddress(req, trustedProxies);
  if (brotli(req, res)) return;
  if (bypassesAdmission(req.method, req.url)) return void handle(req, res);
  void admitted(req, res);
});
// Longer than a load balancer's idle timeout, as next start does.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  brotli.warmAll().catch((error: unknown) => console.error(`Could not prepare the brotli copies of the build's files: ${String(error)}`));
  console.log(`Attune listening on http://${hostname ?? "localhost"}:${port} (at most ${options.maxActive} requests at once, ${options.maxQueue} page loads waiting at most ${options.maxWaitMs} ms)`);
});

const stop = () => {
  server.close(() => process.exit(0));
  // Open keep-alive connections would hold close() open.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
