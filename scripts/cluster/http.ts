import { Agent, request } from "node:http";

/**
 * A small HTTP client for the cluster test: one cookie jar per person, a chosen source address
 * (the test plays a client on 127.0.0.2, so the load balancer on 127.0.0.1 is the only trusted
 * peer the instances see), and the instance that answered (HAProxy's X-Attune-Instance).
 */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  instance: string | undefined;
}

export interface ClientOptions {
  port: number;
  /** The address the test connects from. */
  from?: string;
}

const CLIENT_ADDRESS = "127.0.0.2";

export class HttpClient {
  readonly jar = new Map<string, string>();
  private readonly agent: Agent;

  constructor(readonly options: ClientOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, localAddress: options.from ?? CLIENT_ADDRESS });
  }

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A second person with a copy of these cookies (a stolen or shared session). */
  copy(port = this.options.port): HttpClient {
    const other = new HttpClient({ ...this.options, port });
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }

  send(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...init.headers };
      if (this.jar.size) headers.cookie = this.cookieHeader;
      if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
      const req = request({ host: "127.0.0.1", port: this.options.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          for (const cookie of ([] as string[]).concat(res.headers["set-cookie"] ?? [])) {
            const pair = cookie.split(";")[0]!;
            const name = pair.slice(0, pair.indexOf("="));
            const value = pair.slice(pair.indexOf("=") + 1);
            // Expired (a sign-out clears the cookie): forget it, as a browser would.
            if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") this.jar.delete(name);
            else this.jar.set(name, value);
          }
          const instance = res.headers["x-attune-instance"];
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), instance: typeof instance === "string" ? instance : undefined });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.end(init.body);
    });
  }

  get(path: string, headers?: Record<string, string>): Promise<Reply> {
    return this.send("GET", path, { headers });
  }

  /** The REST sign-in (Auth.js's CSRF token, then the credentials callback): 302 on success or failure, 429 throttled. */
  async signIn(email: string, password: string): Promise<Reply> {
    const csrf = await this.get("/api/auth/csrf");
    if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/caseload" }).toString();
    return this.send("POST", "/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
  }

  /** Calls a server action as the browser does (see e2e/action-http.ts). */
  action(page: string, actionId: string, call: { fields?: Record<string, string>; args?: unknown[] }): Promise<Reply> {
    const headers = { "Next-Action": actionId, Accept: "text/x-component" };
    if (call.args) return this.send("POST", page, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body: JSON.stringify(call.args) });
    const boundary = `----attune${Math.random().toString(16).slice(2)}`;
    const parts: Array<[string, string]> = Object.entries(call.fields ?? {}).map(([k, v]) => [`_1_${k}`, v]);
    parts.push(["0", JSON.stringify([{ status: "idle" }, "$K1"])]);
    const body = parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
    return this.send("POST", page, { headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` }, body });
  }

  close(): void {
    this.agent.destroy();
  }
}
