import { headers } from "next/headers";
import { behindEdge, CLIENT_ADDRESS_HEADER } from "@/lib/edge";
import type { RequestMeta } from "./credentials";

/**
 * The one place the app learns who made a request: the sign-in and portal throttles, the audit
 * log and the exports all read it here. The client's address was decided at the edge
 * (scripts/serve.ts, src/lib/client-address.ts: forwarding headers only from TRUSTED_PROXIES);
 * without that edge in this process (next dev, tests) the address is unknown and reads "local".
 */
export function metaFromHeaders(h: Headers): RequestMeta {
  const address = behindEdge() ? h.get(CLIENT_ADDRESS_HEADER) : null;
  return {
    ip: (address || "local").slice(0, 64),
    userAgent: h.get("user-agent"),
  };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
