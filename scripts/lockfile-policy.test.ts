import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockfileLintArgs } from "./lockfile-policy";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "attune-lockfile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Lock = { packages: Record<string, { resolved?: string; integrity?: string }> };
const realLock = () => JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as Lock;

function lint(lock: Lock) {
  const file = path.join(dir, `lock-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(lock));
  const result = spawnSync(path.join(root, "node_modules", ".bin", "lockfile-lint"), lockfileLintArgs(file), { encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function tampered(change: (entry: { resolved?: string; integrity?: string }) => void): Lock {
  const lock = realLock();
  change(lock.packages["node_modules/zod"]!);
  return lock;
}

describe("the lockfile policy that npm test applies", { timeout: 60_000 }, () => {
  it("accepts the committed package-lock.json", () => {
    expect(lint(realLock())).toMatchObject({ ok: true });
  });

  it("refuses a package from another host, over http, from git, or with a weak integrity hash", () => {
    const otherHost = lint(tampered((e) => (e.resolved = "https://registry.evil.example/zod/-/zod-4.6.7.tgz")));
    expect(otherHost.ok).toBe(false);
    expect(otherHost.output).toContain("registry.evil.example");

    const http = lint(tampered((e) => (e.resolved = "http://registry.npmjs.org/zod/-/zod-4.6.7.tgz")));
    expect(http.ok).toBe(false);
    expect(http.output).toContain("invalid protocol");

    expect(lint(tampered((e) => (e.resolved = "git+ssh://git@github.com/colinhacks/zod.git#v4"))).ok).toBe(false);

    const sha1 = lint(tampered((e) => (e.integrity = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=")));
    expect(sha1.ok).toBe(false);
    expect(sha1.output).toContain("sha512");
  });

  it("refuses a registry URL whose package name differs from the entry's (a substituted package)", () => {
    const swapped = lint(tampered((e) => (e.resolved = "https://registry.npmjs.org/zod-evil/-/zod-evil-4.6.7.tgz")));
    expect(swapped.ok).toBe(false);
  });
});
