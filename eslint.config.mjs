import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import noUnsanitized from "eslint-plugin-no-unsanitized";

// The names a Drizzle database or transaction goes by in this code: an update or delete on one
// of them without .where(...) would touch every row, so it does not pass lint.
const drizzleObjectName = ["db", "tx", "getDb"];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  // innerHTML, outerHTML, insertAdjacentHTML, document.write and the like only with sanitised input.
  noUnsanitized.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName }],
    },
  },
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
