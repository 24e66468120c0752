import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, formatAddress, inRange, parseAddress, parseTrustedProxies } from "./client-address";
import { CLIENT_ADDRESS_HEADER, stampClientAddress } from "./edge";

const addr = (s: string) => {
  const bytes = parseAddress(s);
  if (!bytes) throw new Error(`not an address: ${s}`);
  return bytes;
};

describe("parseAddress / formatAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["  192.0.2.1 ", "192.0.2.1"],
    ["192.0.2.1:8080", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ["::", "::"],
    ["2001:db8:0:1:0:0:0:0", "2001:db8:0:1::"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
    ["64:ff9b::192.0.2.1", "64:ff9b::c000:201"],
  ])("%s → %s", (raw, canonical) => {
    expect(formatAddress(addr(raw))).toBe(canonical);
  });

  it.each(["", "unknown", "192.0.2", "192.0.2.256", "1.2.3.4.5", "2001:db8:::1", "[::1", "evil, 1.2.3.4"])("%j is not an address", (raw) => {
    expect(parseAddress(raw)).toBeNull();
  });
});

describe("parseTrustedProxies and CIDR matching", () => {
  it("is empty by default", () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies("  ")).toEqual([]);
  });

  it("reads addresses and ranges separated by commas or spaces", () => {
    expect(parseTrustedProxies("10.0.0.0/8, 127.0.0.1 ::1,fd00::/8").map((r) => [r.source, r.prefix])).toEqual([
      ["10.0.0.0/8", 8],
      ["127.0.0.1", 32],
      ["::1", 128],
      ["fd00::/8", 8],
    ]);
  });

  it.each(["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129", "example.org", "10.0.0/8", "::ffff:10.0.0.0/64"])("refuses %j, naming it", (spec) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${spec}`)).toThrow(spec);
  });

  const [ten, v4block, v6block, mapped] = parseTrustedProxies("10.0.0.0/8 192.168.1.0/22 2001:db8:abcd::/48 ::ffff:172.16.0.0/108");
  it.each([
    [ten, "10.255.3.4", true],
    [ten, "11.0.0.1", false],
    [ten, "::ffff:10.1.2.3", true],
    // The range is written unaligned: matching uses the first 22 bits (192.168.0.0 to .3.255).
    [v4block, "192.168.3.200", true],
    [v4block, "192.168.4.1", false],
    [v6block, "2001:db8:abcd:12::1", true],
    [v6block, "2001:db8:abce::1", false],
    // An IPv4 address never matches an IPv6 range, nor the reverse.
    [v6block, "10.0.0.1", false],
    [ten, "::a00:1", false],
    [mapped, "172.31.255.255", true],
    [mapped, "172.32.0.1", false],
  ])("%# range %o contains %s: %s", (range, address, expected) => {
    expect(inRange(addr(address), range!)).toBe(expected);
  });

  it("prefix 0 matches every address of its family", () => {
    const [all4, all6] = parseTrustedProxies("0.0.0.0/0 ::/0");
    expect(inRange(addr("203.0.113.5"), all4!)).toBe(true);
    expect(inRange(addr("2001:db8::5"), all6!)).toBe(true);
    expect(inRange(addr("2001:db8::5"), all4!)).toBe(false);
  });
});

describe("clientAddress", () => {
  const none = parseTrustedProxies("");
  const lb = parseTrustedProxies("10.0.0.0/8, ::1");

  it("with no proxy trusted, forwarding headers are ignored", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7", "203.0.113.1, 10.0.0.2", none)).toBe("198.51.100.7");
  });

  it("from an untrusted peer, forwarding headers are ignored even when proxies are trusted", () => {
    expect(clientAddress("198.51.100.7", "10.0.0.9", lb)).toBe("198.51.100.7");
  });

  it("through a trusted proxy, the right-most entry that is not trusted", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.1", lb)).toBe("203.0.113.1");
    // The client forged an entry; the proxy appended the address it really saw.
    expect(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.1", lb)).toBe("203.0.113.1");
    // Two trusted hops: skipped from the right.
    expect(clientAddress("::1", "6.6.6.6, 203.0.113.1, 10.1.1.1, 10.0.0.3", lb)).toBe("203.0.113.1");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "203.0.113.1"], lb)).toBe("203.0.113.1");
    expect(clientAddress("10.0.0.2", "2001:DB8::7", lb)).toBe("2001:db8::7");
  });

  it("through a trusted proxy without the header, or with every hop trusted", () => {
    expect(clientAddress("10.0.0.2", undefined, lb)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", lb)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "10.9.9.9, 10.0.0.1", lb)).toBe("10.9.9.9");
  });

  it("stops at an entry that is not an address, at the hop that handed it on", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.1, garbage", lb)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "garbage, 10.0.0.5", lb)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.2", "garbage, 203.0.113.1", lb)).toBe("203.0.113.1");
  });

  it("a peer that cannot be read is unknown", () => {
    expect(clientAddress(undefined, "203.0.113.1", lb)).toBe("unknown");
  });
});

describe("stampClientAddress (the edge)", () => {
  const request = (peer: string, headers: Array<[string, string]>) => {
    const rawHeaders = headers.flat();
    const joined: Record<string, string> = {};
    for (const [k, v] of headers) joined[k.toLowerCase()] = joined[k.toLowerCase()] ? `${joined[k.toLowerCase()]}, ${v}` : v;
    return { socket: { remoteAddress: peer }, headers: joined, rawHeaders } as unknown as IncomingMessage;
  };

  it("replaces every copy of the internal header the client sent by the address from the socket", () => {
    const req = request("::ffff:198.51.100.7", [
      ["X-Attune-Client-Address", "10.0.0.1"],
      ["x-forwarded-for", "203.0.113.1"],
      ["x-attune-client-address", "10.0.0.2"],
    ]);
    expect(stampClientAddress(req, parseTrustedProxies(""))).toBe("198.51.100.7");
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("198.51.100.7");
    expect(req.rawHeaders).toEqual(["x-forwarded-for", "203.0.113.1", CLIENT_ADDRESS_HEADER, "198.51.100.7"]);
  });

  it("reads X-Forwarded-For when the peer is a trusted proxy", () => {
    const req = request("127.0.0.1", [["X-Forwarded-For", "6.6.6.6, 203.0.113.1"]]);
    expect(stampClientAddress(req, parseTrustedProxies("127.0.0.1"))).toBe("203.0.113.1");
  });
});
