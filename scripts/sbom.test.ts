import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSbom, npmPurl, type Lockfile, type Sbom } from "./sbom";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "attune-sbom-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const integrity = (byte: number) => `sha512-${Buffer.alloc(64, byte).toString("base64")}`;

// A small lockfile worked by hand: a scoped runtime package, a dev tool, and one package
// installed twice at two versions (the nested copy is what the dev tool resolves).
const lock: Lockfile = {
  name: "app",
  version: "1.2.3",
  packages: {
    "": { name: "app", version: "1.2.3", dependencies: { "@scope/ui": "^1" }, devDependencies: { tool: "^2" } } as Lockfile["packages"][string],
    "node_modules/@scope/ui": { version: "1.0.0", integrity: integrity(1), license: "MIT", dependencies: { shared: "^1" } },
    "node_modules/shared": { version: "1.5.0", integrity: integrity(2), license: "(MIT OR Apache-2.0)" },
    "node_modules/tool": { version: "2.0.0", integrity: integrity(3), license: "ISC", dev: true, dependencies: { shared: "^2" } },
    "node_modules/tool/node_modules/shared": { version: "2.1.0", integrity: integrity(4), license: "SEE LICENSE IN LICENSE.md", dev: true },
  },
};

describe("the CycloneDX SBOM", { timeout: 60_000 }, () => {
  it("lists every package once with its purl, hash, licence and scope", () => {
    const sbom = buildSbom(lock, { timestamp: new Date("2030-01-01T00:00:00Z"), serialNumber: "00000000-0000-4000-8000-000000000001" });
    expect(sbom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.5", serialNumber: "urn:uuid:00000000-0000-4000-8000-000000000001", version: 1 });
    expect(sbom.metadata.component).toMatchObject({ name: "app", version: "1.2.3", purl: "pkg:npm/app@1.2.3" });
    expect(sbom.components.map((c) => c.purl)).toEqual([
      "pkg:npm/%40scope/ui@1.0.0",
      "pkg:npm/shared@1.5.0",
      "pkg:npm/shared@2.1.0",
      "pkg:npm/tool@2.0.0",
    ]);
    const ui = sbom.components.find((c) => c.name === "ui")!;
    expect(ui).toMatchObject({ group: "@scope", version: "1.0.0", scope: "required", licenses: [{ license: { id: "MIT" } }] });
    expect(ui.hashes).toEqual([{ alg: "SHA-512", content: "01".repeat(64) }]);
    expect(sbom.components.find((c) => c.version === "1.5.0")!.licenses).toEqual([{ expression: "(MIT OR Apache-2.0)" }]);
    expect(sbom.components.find((c) => c.version === "2.1.0")!.licenses).toEqual([{ license: { name: "SEE LICENSE IN LICENSE.md" } }]);
    expect(sbom.components.find((c) => c.name === "tool")!.scope).toBe("excluded");
  });

  it("records the dependency graph the way Node resolves it", () => {
    const graph = Object.fromEntries(buildSbom(lock).dependencies.map((d) => [d.ref, d.dependsOn]));
    expect(graph["pkg:npm/app@1.2.3"]).toEqual(["pkg:npm/%40scope/ui@1.0.0", "pkg:npm/tool@2.0.0"]);
    expect(graph["pkg:npm/%40scope/ui@1.0.0"]).toEqual(["pkg:npm/shared@1.5.0"]);
    expect(graph["pkg:npm/tool@2.0.0"]).toEqual(["pkg:npm/shared@2.1.0"]);
  });

  it("encodes purls as the purl specification writes npm names", () => {
    expect(npmPurl("@types/node", "20.19.43")).toBe("pkg:npm/%40types/node@20.19.43");
    expect(npmPurl("zod", "4.6.7")).toBe("pkg:npm/zod@4.6.7");
  });

  it("npm run sbom writes one for this project covering package-lock.json", () => {
    const out = path.join(dir, "sbom.json");
    const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/sbom.ts", "--out", out], { cwd: root, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const sbom = JSON.parse(readFileSync(out, "utf8")) as Sbom;
    const projectLock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as Lockfile;
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const paths = new Set(sbom.components.flatMap((c) => c.properties.filter((p) => p.name === "cdx:npm:package:path").map((p) => p.value)));
    expect([...paths].sort()).toEqual(Object.keys(projectLock.packages).filter((p) => p !== "").sort());
    const refs = new Set(sbom.components.map((c) => c["bom-ref"]));
    for (const dep of sbom.dependencies) for (const ref of dep.dependsOn) expect(refs.has(ref), ref).toBe(true);
    const app = sbom.dependencies.find((d) => d.ref === sbom.metadata.component["bom-ref"])!;
    const direct = app.dependsOn.map((ref) => sbom.components.find((c) => c["bom-ref"] === ref)!).map((c) => (c.group ? `${c.group}/${c.name}` : c.name));
    for (const name of Object.keys(pkg.dependencies)) expect(direct).toContain(name);
    // The emoji images the PDF draws are CC-BY-4.0, whatever the package's code licence says.
    expect(sbom.components.find((c) => c.name === "emoji-datasource-twitter")?.licenses).toEqual([{ expression: "MIT AND CC-BY-4.0" }]);
    const next = sbom.components.find((c) => c.name === "next")!;
    expect(next.scope).toBe("required");
    expect(next.hashes?.[0]?.content).toMatch(/^[0-9a-f]{128}$/);
  });
});
