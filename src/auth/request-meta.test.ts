import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

describe("metaFromHeaders", () => {
  const sent = new Headers({ "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2", "x-attune-client-address": "198.51.100.7", "user-agent": "UA" });

  it("without the edge in this process, trusts no header: the address is unknown", async () => {
    const { metaFromHeaders } = await import("./request-meta");
    expect(metaFromHeaders(sent)).toEqual({ ip: "local", userAgent: "UA" });
  });

  it("behind the edge, reads only the address the edge set, never X-Forwarded-For or X-Real-IP", async () => {
    const { markEdge } = await import("@/lib/edge");
    const { metaFromHeaders } = await import("./request-meta");
    markEdge();
    try {
      expect(metaFromHeaders(sent)).toEqual({ ip: "198.51.100.7", userAgent: "UA" });
      expect(metaFromHeaders(new Headers({ "x-forwarded-for": "203.0.113.1" }))).toEqual({ ip: "local", userAgent: null });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("attune.edge")];
    }
  });
});
