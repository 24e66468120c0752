/**
 * Keeps only the path and query of a callback URL, and only when it is a path on this site:
 * the proxy may write an absolute URL with another host, and anything else is an open redirect.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(value, "http://attune.invalid");
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/login") || path.startsWith("/api/")) return fallback;
  return path;
}
