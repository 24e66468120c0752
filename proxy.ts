import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/auth/config";
import { SESSION_MARKER_COOKIE, SESSION_MARKER_MAX_AGE } from "@/auth/marker";
import { LINK_LANGUAGE_HEADER, PORTAL_TOKEN_HEADER } from "@/i18n/header";
import { buildContentSecurityPolicy } from "@/lib/csp";

// Paths anyone may open. Everything else needs a session, checked again (for real) by every
// page, action and route handler: this proxy only redirects early and sets headers.
const PUBLIC_PATHS = [/^\/login$/, /^\/invite\//, /^\/reset\//, /^\/p\//, /^\/unsubscribe\//, /^\/api\/auth\//, /^\/api\/health$/];

function isPublic(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}

const withSession = auth((request) => {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildContentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
  });
  const signedIn = Boolean(request.auth?.user);
  const hadSession = request.cookies.has(SESSION_MARKER_COOKIE);

  let response: NextResponse;
  if (!signedIn && !isPublic(pathname) && !pathname.startsWith("/api/")) {
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    if (hadSession) login.searchParams.set("reason", "idle");
    response = NextResponse.redirect(login);
    response.cookies.delete(SESSION_MARKER_COOKIE);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    // The portal page's language comes from its link; the root layout reads the token from here
    // to set <html lang dir>. Never taken from the browser.
    requestHeaders.delete(PORTAL_TOKEN_HEADER);
    requestHeaders.delete(LINK_LANGUAGE_HEADER);
    const portal = /^\/p\/([^/]+)/.exec(pathname);
    if (portal) requestHeaders.set(PORTAL_TOKEN_HEADER, portal[1]!);
    // The unsubscribe page's language is named in its link (`?hl=`), written in the message's.
    const hl = request.nextUrl.searchParams.get("hl");
    if (pathname.startsWith("/unsubscribe/") && hl) requestHeaders.set(LINK_LANGUAGE_HEADER, hl.slice(0, 35));
    response = NextResponse.next({ request: { headers: requestHeaders } });
    if (signedIn && !hadSession) {
      response.cookies.set(SESSION_MARKER_COOKIE, "1", {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge: SESSION_MARKER_MAX_AGE,
        secure: request.nextUrl.protocol === "https:",
      });
    }
  }
  response.headers.set("Content-Security-Policy", csp);
  if (!isPublic(pathname) || pathname.startsWith("/p/") || pathname.startsWith("/unsubscribe/")) response.headers.set("Cache-Control", "no-store");
  return response;
});

type ProxyHandler = (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

// With a lazily built config (the secret is resolved at run time, not at build time) next-auth
// hands the wrapper back as a promise, and types it as a route handler.
const sessionProxy = Promise.resolve(withSession as unknown as ProxyHandler | Promise<ProxyHandler>);

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  return (await sessionProxy)(request, event);
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
