import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Lowering a priority cannot be undone by the same process: each case runs in a child.
function niceAfter(env: Record<string, string>): { nice: string; stderr: string; status: number | null } {
  const file = path.resolve(__dirname, "priority.ts");
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", `import(${JSON.stringify(file)}).then((m) => console.log(m.lowerWorkerPriority(process.env, () => {})))`], {
    encoding: "utf8",
    env: { ...process.env, ATTUNE_WORKER_NICE: "", ...env },
  });
  return { nice: run.stdout.trim(), stderr: run.stderr, status: run.status };
}

describe("the worker process's CPU priority", () => {
  it("goes to the lowest (niceness 19) by default, so the app's pages come first on a shared machine", () => {
    expect(niceAfter({}).nice).toBe("19");
  });

  it("follows ATTUNE_WORKER_NICE, and 0 leaves it as it was", () => {
    expect(niceAfter({ ATTUNE_WORKER_NICE: "10" }).nice).toBe("10");
    expect(niceAfter({ ATTUNE_WORKER_NICE: "0" }).nice).toBe("0");
  });

  it("refuses a value that is not a niceness", () => {
    const run = niceAfter({ ATTUNE_WORKER_NICE: "-5" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/ATTUNE_WORKER_NICE must be a whole number from 0 to 19/);
  });
});
