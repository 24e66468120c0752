/**
 * What lockfile-lint enforces on package-lock.json, in `npm test` and its own test: every
 * package comes from registry.npmjs.org over https (no git, file or other hosts), under its own
 * name, with a sha512 integrity hash. With `omit-lockfile-registry-resolved` (npm's option to
 * leave out `resolved` URLs) npm fetches every entry from the configured registry by name, and
 * lockfile-lint still refuses any entry that does record another host or scheme.
 */
export function lockfileLintArgs(lockfile = "package-lock.json"): string[] {
  return [
    "--path",
    lockfile,
    "--type",
    "npm",
    "--allowed-hosts",
    "registry.npmjs.org",
    "--validate-https",
    "--validate-integrity",
    "--validate-package-names",
    "--empty-hostname",
    "false",
    "--format",
    "plain",
  ];
}
