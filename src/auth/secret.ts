import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * AUTH_SECRET signs and encrypts session tokens. A real installation (DATABASE_URL set) must
 * provide it: starting without one is refused, because a secret made up per process would sign
 * everyone out on each restart and differ between instances. The embedded default creates one
 * under .data/ once and keeps it, so `npm run demo` needs no configuration.
 */
export function resolveAuthSecret(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.AUTH_SECRET?.trim();
  if (given) {
    if (given.length < 32) throw new Error("AUTH_SECRET must be at least 32 characters long.");
    return given;
  }
  if (env.DATABASE_URL) {
    throw new Error(
      "AUTH_SECRET is not set. With DATABASE_URL (a real installation) Attune refuses to start without it: " +
        "generate one with `openssl rand -base64 48` and set it for every instance.",
    );
  }
  const dataRoot = env.ATTUNE_DATA_DIR ? path.dirname(env.ATTUNE_DATA_DIR) : path.join(process.cwd(), ".data");
  const file = path.join(dataRoot, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
