import type { IncomingMessage } from "node:http";
import { clientAddress, type TrustedProxies } from "./client-address";

/**
 * The edge (scripts/serve.ts) tells the app who the client is in one internal header, set from
 * the socket on every request after every incoming copy has been removed, so a client cannot
 * forge it. The app reads that header only when the edge runs in its own process (the marker
 * below, set by serve.ts): under `next dev` or tests nothing strips it, so nothing trusts it.
 */
export const CLIENT_ADDRESS_HEADER = "x-attune-client-address";

const EDGE = Symbol.for("attune.edge");
type EdgeGlobal = typeof globalThis & { [EDGE]?: true };

export function markEdge(): void {
  (globalThis as EdgeGlobal)[EDGE] = true;
}

export function behindEdge(): boolean {
  return (globalThis as EdgeGlobal)[EDGE] === true;
}

/** Replaces whatever the client sent in the internal header by the address decided from the socket. */
export function stampClientAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  // Next.js reads req.headers; rawHeaders is cleaned too so no later reader sees a forged copy.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  req.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
  return address;
}
