import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname, "src"),
  // "server-only" throws outside React's server build; tests run the same modules in plain Node.
  "server-only": path.resolve(import.meta.dirname, "src/lib/testing/empty-module.ts"),
};

const unit = {
  name: "unit",
  include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
  exclude: ["src/**/*.int.test.ts"],
};

// Integration tests run once against PGlite (in memory) and once more against PostgreSQL when
// TEST_DATABASE_URL is set. The project name tells the test harness which driver to use.
const integration = (driver: "pglite" | "postgres") => ({
  name: `integration-${driver}`,
  include: ["src/**/*.int.test.ts"],
  env: { ATTUNE_TEST_DRIVER: driver },
  testTimeout: 30_000,
  hookTimeout: 60_000,
});

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. Two run the
    // PostgreSQL files (mostly waiting on the server) beside the PGlite ones (mostly computing).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      { resolve: { alias }, test: unit },
      { resolve: { alias }, test: integration("pglite") },
      ...(process.env.TEST_DATABASE_URL ? [{ resolve: { alias }, test: integration("postgres") }] : []),
    ],
  },
});
