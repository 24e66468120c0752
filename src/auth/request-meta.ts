import { headers } from "next/headers";
import type { RequestMeta } from "./credentials";

export function metaFromHeaders(h: Headers): RequestMeta {
  // The first address of X-Forwarded-For is the client as seen by the nearest proxy.
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: (forwarded || h.get("x-real-ip") || "local").slice(0, 64),
    userAgent: h.get("user-agent"),
  };
}

export async function currentRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
