/**
 * The names and flags of Attune's auth cookies. By default they carry the `__Host-` prefix, so
 * the browser only accepts them when they are Secure, for path / and without a Domain: no
 * subdomain and no plain-http page can set or overwrite a session. Browsers treat
 * http://localhost as a secure context, so this works for the demo and the browser tests too.
 *
 * On plain http from another host (a tablet opening http://192.168.1.20:3000 on a trusted
 * network) the browser drops Secure cookies and sign-in cannot stick. There, and only on a
 * development machine, ATTUNE_INSECURE_COOKIES=1 uses unprefixed cookies without Secure; the
 * sign-in page says so when it sees that case.
 */
export function insecureCookiesAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.ATTUNE_INSECURE_COOKIES === "1";
}

const common = { httpOnly: true, sameSite: "lax" as const, path: "/" };

export function authCookies(env: Record<string, string | undefined> = process.env) {
  const secure = !insecureCookiesAllowed(env);
  const prefix = secure ? "__Host-" : "";
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: `${prefix}attune.session`, options: { ...common, secure } },
      csrfToken: { name: `${prefix}attune.csrf`, options: { ...common, secure } },
      callbackUrl: { name: `${prefix}attune.callback-url`, options: { ...common, secure } },
    },
  };
}

/** Loopback hosts, where browsers accept Secure cookies over plain http. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127\./.test(name);
}
