/**
 * npm run sbom [-- --out file]: a CycloneDX 1.5 software bill of materials (JSON) for Attune,
 * made from package-lock.json alone (no network, no node_modules needed). Every installed
 * package is one component (name, version, purl, the lockfile's sha512 as a hash, its licence),
 * with the dependency graph as npm resolves it. Development-only packages are listed with the
 * scope "excluded" (not part of the running app).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveLockDependency } from "./check-lockfile";

interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  license?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
export interface Lockfile {
  name?: string;
  version?: string;
  packages: Record<string, LockEntry>;
}

type License = { expression: string } | { license: { id: string } | { name: string } };
export interface SbomComponent {
  type: "library";
  "bom-ref": string;
  group?: string;
  name: string;
  version: string;
  purl: string;
  scope: "required" | "optional" | "excluded";
  hashes?: { alg: "SHA-512"; content: string }[];
  licenses?: License[];
  properties: { name: string; value: string }[];
}
export interface Sbom {
  bomFormat: "CycloneDX";
  specVersion: "1.5";
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: "application"; name: string; version: string }[] };
    component: { type: "application"; "bom-ref": string; name: string; version: string; purl: string };
  };
  components: SbomComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** The package name at a lockfile path: the part after the last node_modules/ (scoped or not). */
export function packageNameAt(where: string, entry: LockEntry): string {
  if (entry.name) return entry.name;
  return where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length);
}

/** pkg:npm/%40scope/name@version, as the purl specification writes npm packages. */
export function npmPurl(name: string, version: string): string {
  const [scopeOrName, rest] = name.startsWith("@") ? name.split("/") : [name, undefined];
  const encoded = rest ? `${encodeURIComponent(scopeOrName!)}/${encodeURIComponent(rest)}` : encodeURIComponent(scopeOrName!);
  return `pkg:npm/${encoded}@${encodeURIComponent(version)}`;
}

/**
 * Packages whose bundled files carry a licence beyond the one their package.json declares
 * (THIRD-PARTY-NOTICES.md gives the attribution): the SBOM names both.
 */
export const bundledAssetLicences: Record<string, string> = {
  // The code is MIT; the Twemoji images the PDF draws are CC-BY-4.0.
  "emoji-datasource-twitter": "MIT AND CC-BY-4.0",
};

function licenseOf(value: string | undefined): License[] | undefined {
  if (!value) return undefined;
  if (/\s(AND|OR|WITH)\s|[()]/.test(value) && !/SEE LICENSE/i.test(value)) return [{ expression: value }];
  if (/^[A-Za-z0-9.+-]+$/.test(value)) return [{ license: { id: value } }];
  return [{ license: { name: value } }];
}

function sha512Hex(integrity: string | undefined) {
  const sha512 = integrity?.split(/\s+/).find((part) => part.startsWith("sha512-"));
  if (!sha512) return undefined;
  return [{ alg: "SHA-512" as const, content: Buffer.from(sha512.slice("sha512-".length), "base64").toString("hex") }];
}

const rank = { required: 2, optional: 1, excluded: 0 } as const;

export function buildSbom(lock: Lockfile, options: { timestamp?: Date; serialNumber?: string } = {}): Sbom {
  const entries = lock.packages;
  const root = entries[""] ?? {};
  const appName = root.name ?? lock.name ?? "attune";
  const appVersion = root.version ?? lock.version ?? "0.0.0";
  const appRef = npmPurl(appName, appVersion);

  // One component per name@version, however many places npm installed it.
  const byRef = new Map<string, SbomComponent>();
  const refAt = new Map<string, string>();
  for (const [where, entry] of Object.entries(entries)) {
    if (where === "" || !entry.version) continue;
    const name = packageNameAt(where, entry);
    const ref = npmPurl(name, entry.version);
    refAt.set(where, ref);
    const scope = entry.dev ? "excluded" : entry.optional || entry.devOptional ? "optional" : "required";
    const existing = byRef.get(ref);
    if (existing) {
      if (rank[scope] > rank[existing.scope]) existing.scope = scope;
      existing.properties.push({ name: "cdx:npm:package:path", value: where });
      continue;
    }
    const slash = name.startsWith("@") ? name.indexOf("/") : -1;
    byRef.set(ref, {
      type: "library",
      "bom-ref": ref,
      ...(slash > 0 ? { group: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
      version: entry.version,
      purl: ref,
      scope,
      hashes: sha512Hex(entry.integrity),
      licenses: licenseOf(bundledAssetLicences[name] ?? entry.license),
      properties: [{ name: "cdx:npm:package:path", value: where }],
    });
  }

  const dependsOn = new Map<string, Set<string>>();
  for (const [where, entry] of Object.entries(entries)) {
    const from = where === "" ? appRef : refAt.get(where);
    if (!from) continue;
    const set = dependsOn.get(from) ?? new Set<string>();
    dependsOn.set(from, set);
    // The project's own development dependencies count; a package's do not get installed.
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...(where === "" ? entry.devDependencies : {}) };
    for (const name of Object.keys(wanted)) {
      const at = resolveLockDependency(entries, where, name);
      const ref = at ? refAt.get(at) : undefined;
      if (ref && ref !== from) set.add(ref);
    }
  }

  const components = [...byRef.values()].sort((a, b) => a["bom-ref"].localeCompare(b["bom-ref"]));
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    serialNumber: `urn:uuid:${options.serialNumber ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.timestamp ?? new Date()).toISOString(),
      tools: { components: [{ type: "application", name: "attune scripts/sbom.ts", version: "1" }] },
      component: { type: "application", "bom-ref": appRef, name: appName, version: appVersion, purl: appRef },
    },
    components,
    dependencies: [...dependsOn.entries()]
      .map(([ref, set]) => ({ ref, dependsOn: [...set].sort() }))
      .sort((a, b) => a.ref.localeCompare(b.ref)),
  };
}

if (process.argv[1]?.endsWith("sbom.ts")) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const out = path.resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : "sbom.cdx.json");
  const lock = JSON.parse(readFileSync(path.resolve("package-lock.json"), "utf8")) as Lockfile;
  const sbom = buildSbom(lock);
  writeFileSync(out, `${JSON.stringify(sbom, null, 2)}\n`);
  const runtime = sbom.components.filter((c) => c.scope !== "excluded").length;
  console.log(`Wrote ${out}: CycloneDX 1.5, ${sbom.components.length} components (${runtime} used at run time, the rest for development).`);
}
