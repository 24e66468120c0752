import type { IncomingMessage, Server, ServerResponse } from "node:http";

/**
 * Graceful shutdown for the production server (scripts/serve.ts). On SIGTERM the instance stops
 * taking work but finishes what it has:
 * - the health check answers 503, so a load balancer takes the instance out of rotation;
 * - every new request is refused at once with 503, Retry-After and Connection: close, before any
 *   of it runs, so a load balancer may safely send it to another instance (HAProxy's
 *   `retry-on 503`, deploy/haproxy.cfg);
 * - requests already in hand (rendering, or waiting in the admission queue) finish, and their
 *   connections close after the response instead of being kept alive;
 * - once none is left the listener closes and `done` resolves; after `graceMs` whatever is still
 *   running is cut off, so a stop is bounded.
 */
export interface DrainOptions {
  graceMs: number;
  /** Seconds a refused client is told to wait (another instance answers sooner). */
  retryAfterSeconds?: number;
  /** Headers every response carries (next.config.ts's security headers). */
  headers?: Readonly<Record<string, string>>;
  log?: (message: string) => void;
}

export const DRAINING_MESSAGE = "This Attune server is restarting. Nothing was lost: please try again in a moment.\n";

export function drainOptionsFrom(env: Record<string, string | undefined>): Pick<DrainOptions, "graceMs"> {
  const value = Number(env.ATTUNE_DRAIN_MS);
  return { graceMs: Number.isInteger(value) && value >= 0 ? value : 25_000 };
}

export function createDrain(server: Server, options: DrainOptions) {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let resolveDone: (outcome: { cutOff: number }) => void = () => {};
  const done = new Promise<{ cutOff: number }>((resolve) => (resolveDone = resolve));
  let finished = false;

  const finish = (cutOff: number) => {
    if (finished) return;
    finished = true;
    server.close(() => resolveDone({ cutOff }));
    // Connections with no request in hand would hold close() open until their keep-alive ends.
    server.closeIdleConnections();
    if (cutOff > 0) server.closeAllConnections();
  };
  const settleIfIdle = () => {
    if (draining && inFlight.size === 0) finish(0);
  };

  return {
    /**
     * Call first for every request. Returns false when the request was refused (draining);
     * otherwise the request counts as in hand until its response is over.
     */
    admit(req: IncomingMessage, res: ServerResponse): boolean {
      if (draining) {
        const health = (req.url ?? "").split("?")[0] === "/api/health";
        const body = health ? JSON.stringify({ status: "draining" }) + "\n" : DRAINING_MESSAGE;
        res.shouldKeepAlive = false;
        res.writeHead(503, {
          ...options.headers,
          "Content-Type": health ? "application/json" : "text/plain; charset=utf-8",
          "Retry-After": String(options.retryAfterSeconds ?? 2),
          "Cache-Control": "no-store",
          Connection: "close",
        });
        res.end(req.method === "HEAD" ? undefined : body);
        return false;
      }
      inFlight.add(res);
      res.once("close", () => {
        inFlight.delete(res);
        settleIfIdle();
      });
      return true;
    },
    /** Starts draining (idempotent); resolves once the listener has closed. */
    start(): Promise<{ cutOff: number }> {
      if (draining) return done;
      draining = true;
      options.log?.(`Draining: ${inFlight.size} request(s) in hand, at most ${options.graceMs} ms.`);
      // Responses not yet started end their connection instead of keeping it alive.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
      settleIfIdle();
      const timer = setTimeout(() => {
        if (inFlight.size > 0) options.log?.(`Drain time over: ${inFlight.size} request(s) cut off.`);
        finish(inFlight.size);
      }, options.graceMs);
      timer.unref();
      void done.then(() => clearTimeout(timer));
      return done;
    },
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight.size;
    },
  };
}
