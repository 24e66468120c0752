import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ACTION_BODY_LIMIT_BYTES, TOO_LARGE_MESSAGE } from "./body-limit";

// Next.js names a server action by a hex id (40 or 42 characters in this build).
const ACTION_ID = /^[0-9a-f]{16,128}$/;

/** The id a log line and the error page quote for one request; any id the client sent is replaced. */
export const REQUEST_ID_HEADER = "x-request-id";

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): true {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close", ...extra });
  res.end(message);
  return true;
}

/** A path Next.js can decode into route parameters (a malformed %-escape made it answer 500). */
function decodablePath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run first for every request the server takes: gives it a request id (echoed in X-Request-Id),
 * and answers a malformed or oversized server action itself (400, 411, 413) so that none reaches
 * Next.js; a path with a malformed %-escape is answered 400. Returns true when it answered.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const requestId = randomBytes(9).toString("base64url");
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader("X-Request-Id", requestId);
  if (!decodablePath(req.url)) return refuse(res, 400, "This address is not valid: check the link and try again.");
  const action = req.headers["next-action"];
  if (action === undefined) return false;
  if (req.method !== "POST" || typeof action !== "string" || !ACTION_ID.test(action)) {
    return refuse(res, 400, "This is not a form submission Attune understands. Reload the page and try again.");
  }
  const length = req.headers["content-length"];
  if (length === undefined) {
    return refuse(res, 411, "A form submission must say how long it is. Reload the page and try again.");
  }
  if (!/^\d{1,15}$/.test(length)) return refuse(res, 400, "This is not a form submission Attune understands. Reload the page and try again.");
  if (Number(length) > ACTION_BODY_LIMIT_BYTES) return refuse(res, 413, TOO_LARGE_MESSAGE);
  return false;
}
