import { percentile } from "./measure";

export interface SignInResult {
  attempts: number;
  succeeded: number;
  median: number;
  p95: number;
  /** The page's whole flow as a browser does it: the CSRF token, then the credentials post. */
  flowMedian: number;
  flowP95: number;
}

/**
 * Sign-in time with the production password hashing (argon2id, m = 19 MiB, t = 2): one sign-in
 * per account through Auth.js's credentials flow, one after another, timing the credentials
 * post (the password check and the session cookie) and the whole flow. Accounts differ so the
 * per-account throttle never applies; fewer than 30 a minute keep under the per-address ceiling.
 */
export async function benchSignIn(base: string, emails: string[], password: string): Promise<SignInResult> {
  const post: number[] = [];
  const flow: number[] = [];
  let succeeded = 0;
  for (const email of emails.slice(0, 25)) {
    const t0 = performance.now();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = [...new Map(csrf.headers.getSetCookie().map((c) => { const pair = c.split(";")[0]!; return [pair.slice(0, pair.indexOf("=")), pair] as const; })).values()];
    const t1 = performance.now();
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "accept-encoding": "identity" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/` }),
    });
    await response.arrayBuffer();
    const t2 = performance.now();
    if (response.headers.getSetCookie().some((c) => /^(__Host-)?attune\.session=/.test(c))) succeeded++;
    post.push(t2 - t1);
    flow.push(t2 - t0);
  }
  return { attempts: post.length, succeeded, median: percentile(post, 0.5), p95: percentile(post, 0.95), flowMedian: percentile(flow, 0.5), flowP95: percentile(flow, 0.95) };
}
