import type { Browser, BrowserContext } from "@playwright/test";

/**
 * Watches every browser context of a test: Content-Security-Policy violations (the
 * securitypolicyviolation event, and Chromium's own console report of a blocked resource), and
 * every URL the app is asked for, so that a test fails when the policy blocks anything or when
 * clinical text travels in a URL.
 */
export interface GuardLog {
  violations: string[];
  urls: string[];
}

async function watch(context: BrowserContext, log: GuardLog): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`[csp-violation] ${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (text.startsWith("[csp-violation]") || /Content Security Policy/i.test(text)) log.violations.push(`${message.location().url}: ${text}`);
  });
  context.on("request", (request) => log.urls.push(request.url()));
}

/** Watches the test's own context and every context it opens itself (a phone, a second person). */
export async function guardBrowser(context: BrowserContext, browser: Browser, log: GuardLog): Promise<() => void> {
  await watch(context, log);
  const original = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const opened = await original(...args);
    await watch(opened, log);
    return opened;
  };
  return () => {
    browser.newContext = original;
  };
}

// Search parameters the app uses, all of them identifiers, filters, paging or notices. A new one
// must be added here knowingly: free text in a URL ends up in history, logs and proxies.
const QUERY_KEYS = new Set([
  "callbackUrl",
  "reason",
  "error",
  "code",
  "created",
  "saved",
  "signed",
  "added",
  "imported",
  "shared",
  "q",
  "respondent",
  "notes",
  "sort",
  "dir",
  "desc",
  "page",
  "size",
  "cursor",
  "after",
  "before",
  "status",
  "focus",
  "counselor",
  "tag",
  "type",
  "from",
  "to",
  "range",
  "user",
  "client",
  "action",
  "instrument",
  "item",
  "urgency",
  "view",
  "tab",
  "filter",
  // The unsubscribe page's language, a language tag (from the message's own link).
  "hl",
]);
// An identifier, enum, date, number or sort key: no spaces, no sentences.
const PLAIN_VALUE = /^[A-Za-z0-9_.:,|~-]{0,100}$/;
const PLAIN_SEGMENT = /^[A-Za-z0-9_.~-]{1,100}$/;
// The roster's search box: a record number or a name the counselor typed, kept in the URL like
// every other table state (see the report: names in ?q= are accepted, text longer than a name is not).
const SEARCH_VALUE = /^[\p{L}\p{N} .,'’/-]{0,60}$/u;

/** Why a URL of the app would carry clinical text, or null when it carries only ids and filters. */
export function clinicalTextIn(url: string, origin: string): string | null {
  const parsed = new URL(url);
  // Other sites, the framework's files and static assets (icon.svg?<hash>) carry no data.
  if (parsed.origin !== origin || parsed.pathname.startsWith("/_next/") || /\.(svg|png|ico|css|js|woff2?|txt|webmanifest)$/.test(parsed.pathname)) return null;
  for (const segment of parsed.pathname.split("/").filter(Boolean)) {
    if (!PLAIN_SEGMENT.test(decodeURIComponent(segment))) return `path segment "${segment}" in ${url}`;
  }
  for (const [key, value] of parsed.searchParams) {
    if (key.startsWith("_")) continue; // Next's own (_rsc)
    if (!QUERY_KEYS.has(key)) return `unknown search parameter "${key}" in ${url}`;
    if (key === "callbackUrl") {
      const inner = clinicalTextIn(new URL(value, origin).toString(), origin);
      if (inner) return `callbackUrl: ${inner}`;
    } else if (key === "instrument") {
      // A check-in's canonical URL (and version), as FHIR names it.
      if (!/^https?:\/\/[A-Za-z0-9._~:/|-]{1,200}$/.test(value)) return `instrument "${value}" in ${url}`;
    } else if (key === "q") {
      if (!SEARCH_VALUE.test(value)) return `search text "${value}" in ${url}`;
    } else if (!PLAIN_VALUE.test(value)) return `free text "${value}" in ${key} of ${url}`;
  }
  return null;
}
