import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { nextBin, root, run } from "./lib";

const SOURCES = ["app", "src", "content", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the app unless the last build is newer than every source file. */
export async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > newest) {
    console.log("The production build is up to date.");
    return;
  }
  console.log("Building the app (about half a minute)…");
  const code = await run(nextBin, ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) {
    console.error("The build failed; see above.");
    process.exit(code);
  }
}
