import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import noUnsanitized from "eslint-plugin-no-unsanitized";

// The names a Drizzle database or transaction goes by in this code: an update or delete on one
// of them without .where(...) would touch every row, so it does not pass lint.
const drizzleObjectName = ["db", "tx", "getDb"];

// The files under src/ that open the database themselves: the action cores, auth's request
// handlers and session, the portal page's context, the language of a request, and the database's
// own modules. Everything else under src/ takes `db` as its first argument.
const dataEntryPoints = [
  "src/db/client.ts",
  "src/db/read-request.ts",
  "src/lib/action.ts",
  "src/lib/portal-action.ts",
  "src/auth/actions.ts",
  "src/auth/config.ts",
  "src/auth/handlers.ts",
  "src/auth/session.ts",
  "src/i18n/request-language.ts",
  "src/portal/page-context.ts",
];

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
  // Data access one way (README, Architecture): domain code takes the database as its first
  // argument; only entry points open it with getDb(). Components never query: their page does.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.{ts,tsx}", "src/lib/testing/**", ...dataEntryPoints],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='getDb']", message: "Take `db: Db` as the first argument: only entry points (pages, route handlers, the action cores, jobs) call getDb()." },
      ],
    },
  },
  {
    files: ["src/**/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/db/client", importNames: ["getDb", "getDatabase"], message: "Components do not query: the page reads the data and passes it down." },
            { name: "drizzle-orm", message: "Components do not query: the page reads the data and passes it down." },
            { name: "next-auth", message: "Import from @/auth instead: next-auth stays inside src/auth." },
          ],
          patterns: [{ group: ["next-auth/*"], message: "Import from @/auth instead: next-auth stays inside src/auth." }],
        },
      ],
    },
  },
  {
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
