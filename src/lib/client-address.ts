import { isIPv4, isIPv6 } from "node:net";

/**
 * Who the client is, decided at the edge (scripts/serve.ts) from what cannot be forged: the
 * address of the peer that opened the connection. Forwarding headers count only when that peer is
 * a trusted proxy (TRUSTED_PROXIES: addresses and CIDR ranges, IPv4 and IPv6, empty by default);
 * then the client is the right-most X-Forwarded-For entry that is not itself a trusted proxy.
 * Everything left of it was written by whoever the first untrusted hop was, so it is not read.
 *
 * Plain logic without Next.js, unit-tested in client-address.test.ts.
 */
export interface AddressRange {
  /** 4 bytes (IPv4) or 16 bytes (IPv6). */
  bytes: Uint8Array;
  prefix: number;
  /** As written, for messages. */
  source: string;
}

export type TrustedProxies = readonly AddressRange[];

/**
 * An address as a client or proxy writes it, in canonical bytes: brackets, an IPv4 port, an IPv6
 * zone are dropped, and an IPv4-mapped IPv6 address (::ffff:192.0.2.1, how a dual-stack socket
 * reports an IPv4 peer) becomes the IPv4 address. null when it is not an address.
 */
export function parseAddress(raw: string): Uint8Array | null {
  let text = raw.trim();
  if (text.startsWith("[")) {
    const end = text.indexOf("]");
    if (end < 0) return null;
    text = text.slice(1, end);
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(text)) {
    text = text.slice(0, text.lastIndexOf(":"));
  }
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (!isIPv6(text)) return null;
  const bytes = ipv6Bytes(text);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function ipv6Bytes(text: string): Uint8Array {
  // isIPv6 has already accepted it: at most one "::", and an IPv4 tail only at the end.
  let groups: string[];
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string) => (s === "" ? [] : s.split(":"));
  const expand = (list: string[]) =>
    list.flatMap((g) => {
      if (!g.includes(".")) return [g];
      const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  if (tail === undefined) groups = expand(part(head));
  else {
    const left = expand(part(head));
    const right = expand(part(tail));
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const value = parseInt(g, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** The canonical text of an address: dotted IPv4, or IPv6 with the longest run of zero groups as "::". */
export function formatAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[i * 2]! << 8) | bytes[i * 2 + 1]!);
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.length).join(":")}`;
}

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges separated by commas or spaces, for instance
 * "10.0.0.0/8, 127.0.0.1, ::1, fd00::/8". Empty means no proxy is trusted. A malformed entry is an
 * error (thrown with the entry named), so a typo never silently trusts the wrong peers.
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const entries = (spec ?? "").split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    const slash = entry.indexOf("/");
    const bytes = parseAddress(slash < 0 ? entry : entry.slice(0, slash));
    if (!bytes) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    const mapped = slash >= 0 && bytes.length === 4 && entry.slice(0, slash).includes(":");
    const bits = bytes.length * 8;
    let prefix = bits;
    if (slash >= 0) {
      const text = entry.slice(slash + 1);
      // An IPv4-mapped range (::ffff:10.0.0.0/104) counts its prefix over 128 bits.
      const raw = /^\d{1,3}$/.test(text) ? Number(text) - (mapped ? 96 : 0) : NaN;
      if (!Number.isInteger(raw) || raw < 0 || raw > bits) throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length.`);
      prefix = raw;
    }
    return { bytes, prefix, source: entry };
  });
}

export function inRange(address: Uint8Array, range: AddressRange): boolean {
  if (address.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

export function isTrusted(address: Uint8Array, trusted: TrustedProxies): boolean {
  return trusted.some((range) => inRange(address, range));
}

/**
 * The client's address for one request: the peer itself unless the peer is trusted; through
 * trusted proxies, the right-most X-Forwarded-For entry that is not trusted. Should every entry be
 * trusted, the left-most one (the request began inside the trusted network). An entry that is not
 * an address stops the walk at the hop that handed it on, since nothing beyond it can be read.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  const peerBytes = peer ? parseAddress(peer) : null;
  if (!peerBytes) return "unknown";
  if (!isTrusted(peerBytes, trusted) || forwardedFor === undefined) return formatAddress(peerBytes);
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let nearest = peerBytes;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    if (!hop) break;
    nearest = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return formatAddress(nearest);
}
