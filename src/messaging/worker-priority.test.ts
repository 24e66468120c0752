import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each case in a process of its own: a process's priority can be lowered but not raised again.
function niceAfter(workerNice: string | undefined): string {
  const script = `import { lowerWorkerPriority } from ${JSON.stringify(path.join(process.cwd(), "src/messaging/worker-priority.ts"))}; console.log(String(lowerWorkerPriority(${workerNice === undefined ? "{}" : JSON.stringify({ WORKER_NICE: workerNice })})));`;
  const run = spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["--eval", script], { encoding: "utf8", timeout: 30_000 });
  return run.stdout.trim().split("\n").at(-1)!;
}

describe("a worker of its own lowers its CPU priority (pages first)", () => {
  it("to nice 10 by default, to WORKER_NICE when set, within 0 to 19", () => {
    expect(niceAfter(undefined)).toBe("10");
    expect(niceAfter("15")).toBe("15");
    expect(niceAfter("40")).toBe("19");
    expect(niceAfter("not a number")).toBe("10");
  }, 60_000);
});
