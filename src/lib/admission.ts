import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Admission control for the production server (scripts/serve.ts): at most `maxActive` requests
 * are rendered at once; the rest wait in a queue, first come first served. A page load (GET or
 * HEAD) that would wait longer than `maxWaitMs`, or find the queue full, is answered at once
 * with 503 and Retry-After instead of piling up until every request times out. Writes (POST and
 * the rest) wait their turn without a time limit, so a save a person made is not lost to a busy
 * moment; only beyond `maxWriteQueue` (1,000) waiting writes is one refused, before it runs.
 *
 * The queue is plain logic, unit-tested without a server; `admissionHandler` puts it in front of
 * a request handler.
 */
export interface AdmissionOptions {
  /** Requests rendered at once. */
  maxActive: number;
  /** Page loads waiting at most; beyond, a page load is refused at once. */
  maxQueue: number;
  /** How long a page load may wait for its turn before it is refused. */
  maxWaitMs: number;
  /** Writes waiting at most (they never time out); beyond, a write is refused before it runs. */
  maxWriteQueue?: number;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; retryAfterSeconds: number };

interface Waiter {
  sheddable: boolean;
  resolve: (admission: Admission) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface AdmissionStats {
  active: number;
  queued: number;
  admitted: number;
  refused: number;
}

export function admissionOptionsFrom(env: Record<string, string | undefined>): AdmissionOptions {
  const int = (name: string, fallback: number, min: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value >= min ? value : fallback;
  };
  return {
    maxActive: int("ATTUNE_MAX_ACTIVE", 8, 1),
    maxQueue: int("ATTUNE_MAX_QUEUE", 100, 0),
    maxWaitMs: int("ATTUNE_MAX_WAIT_MS", 4000, 0),
  };
}

export function createAdmission(options: AdmissionOptions) {
  let active = 0;
  const queue: Waiter[] = [];
  const stats = { admitted: 0, refused: 0 };
  // Retry when the queue in front has had time to drain: the wait limit, rounded up, at least 1 s.
  const retryAfterSeconds = Math.max(1, Math.ceil(options.maxWaitMs / 1000));

  const grant = (): Admission => {
    active++;
    stats.admitted++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        active--;
        const next = queue.shift();
        if (next) {
          if (next.timer) clearTimeout(next.timer);
          next.resolve(grant());
        }
      },
    };
  };
  const refuse = (): Admission => {
    stats.refused++;
    return { admitted: false, retryAfterSeconds };
  };

  return {
    /** Waits for a turn; `sheddable` requests (page loads) may be refused instead. */
    admit(sheddable: boolean): Promise<Admission> {
      if (active < options.maxActive && queue.length === 0) return Promise.resolve(grant());
      if (sheddable && queue.filter((w) => w.sheddable).length >= options.maxQueue) return Promise.resolve(refuse());
      // A flood of posts must not grow the line without bound: refusing one before it runs loses nothing.
      if (!sheddable && queue.filter((w) => !w.sheddable).length >= (options.maxWriteQueue ?? 1000)) return Promise.resolve(refuse());
      return new Promise<Admission>((resolve) => {
        const waiter: Waiter = { sheddable, resolve };
        if (sheddable) {
          waiter.timer = setTimeout(() => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            resolve(refuse());
          }, options.maxWaitMs);
        }
        queue.push(waiter);
      });
    },
    stats(): AdmissionStats {
      return { active, queued: queue.length, ...stats };
    },
  };
}

/** Requests that never wait: the build's static files and the health check. */
export function bypassesAdmission(method: string | undefined, url: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (url ?? "/").split("?")[0]!;
  return path.startsWith("/_next/static/") || path === "/api/health" || path === "/favicon.ico" || path === "/robots.txt";
}

export function isSheddable(method: string | undefined): boolean {
  return method === "GET" || method === "HEAD";
}

export const BUSY_MESSAGE = "Attune is busy for a moment. Nothing was lost: please try again in a few seconds.\n";

type Admission_ = ReturnType<typeof createAdmission>;

/**
 * Wraps a request handler in admission control. The turn is released exactly once, when the
 * response has finished or the connection closed, whichever comes first, including a client that
 * gave up while it waited in line (its turn is handed on at once, not held).
 */
export function admissionHandler(
  admission: Admission_,
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  /** Headers every response carries (next.config.ts's security headers), for the 503 too. */
  headers: Readonly<Record<string, string>> = {},
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let closed = false;
    let handled = false;
    let release: (() => void) | null = null;
    // The turn ends once the handler has settled and the response is over (sent, or the client
    // gone), so a render the client walked away from still counts until it stops.
    const maybeRelease = () => {
      if (release && handled && (closed || res.writableFinished)) release();
    };
    res.once("close", () => {
      closed = true;
      maybeRelease();
    });
    const turn = await admission.admit(isSheddable(req.method));
    if (!turn.admitted) {
      if (closed || res.headersSent) return;
      res.writeHead(503, {
        ...headers,
        "Content-Type": "text/plain; charset=utf-8",
        "Retry-After": String(turn.retryAfterSeconds),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : BUSY_MESSAGE);
      return;
    }
    release = turn.release;
    if (closed) {
      turn.release();
      return;
    }
    res.once("finish", maybeRelease);
    try {
      await handle(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal error\n");
      }
    } finally {
      handled = true;
      maybeRelease();
    }
  };
}
