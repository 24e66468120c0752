import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", ".data-*/**", "drizzle/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // next-auth stays behind src/auth so it can be swapped.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next-auth", message: "Import from @/auth instead: next-auth stays inside src/auth." },
          ],
          patterns: [{ group: ["next-auth/*"], message: "Import from @/auth instead: next-auth stays inside src/auth." }],
        },
      ],
    },
  },
  {
    files: ["src/auth/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
