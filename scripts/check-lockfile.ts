/**
 * Fails when package-lock.json names an optional (platform) dependency that it does not
 * record. `npm ci` on a clean machine rejects such a lockfile ("Missing: … from lock file"),
 * which happens when a release's binaries for some platforms never reached the registry
 * (tailwindcss 4.3.5, unrs-resolver 1.13.0, next 16.4.6). Run by `npm test` and `.ci/run`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

type LockPackage = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/**
 * Where `name`, required by the package at `where`, is installed: Node's resolution, looking in
 * where/node_modules, then each ancestor's node_modules. null when the lockfile lacks it.
 */
export function resolveLockDependency(entries: Record<string, unknown>, where: string, name: string): string | null {
  let dir = where;
  for (;;) {
    const candidate = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (entries[candidate]) return candidate;
    if (dir === "") return null;
    const idx = dir.lastIndexOf("/node_modules/");
    dir = idx === -1 ? "" : dir.slice(0, idx);
  }
}

export function missingLockEntries(lock: { packages: Record<string, LockPackage> }): string[] {
  const entries = lock.packages;
  const missing: string[] = [];
  for (const [where, pkg] of Object.entries(entries)) {
    const wanted = { ...pkg.dependencies, ...pkg.optionalDependencies };
    for (const name of Object.keys(wanted)) {
      if (!resolveLockDependency(entries, where, name)) missing.push(`${name} (wanted by ${where || "the project"})`);
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check-lockfile.ts")) {
  const file = path.resolve(process.cwd(), "package-lock.json");
  const missing = missingLockEntries(JSON.parse(readFileSync(file, "utf8")));
  if (missing.length > 0) {
    console.error(
      `package-lock.json is missing ${missing.length} package(s) that npm ci would demand:\n  ` +
        missing.join("\n  ") +
        "\nPin the release whose platform binaries all exist on the registry (see docs/ or STACK-NOTES).",
    );
    process.exit(1);
  }
  console.log("package-lock.json records every dependency npm ci will ask for.");
}
