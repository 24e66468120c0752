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

// Data access one way: only entry points call getDb() (README, "How the code is laid out").
const getDbSelector = { selector: "CallExpression[callee.name='getDb']", message: "Take `db: Db` as the first argument: only entry points (pages, route handlers, the action cores, jobs) call getDb()." };

// The staff screens' words live in messages/staff/en.json and are read with staffText()
// (src/i18n/staff.ts), so that a staff language can follow by adding a file. These selectors find
// words written straight into a staff screen: text between tags, a word in a visible attribute, a
// word as a child expression (also either side of ?: and &&), and a table column's header.
const STAFF_WORDS = "Staff screens' words live in messages/staff/en.json: use staffText(namespace)(key) (src/i18n/staff.ts).";
const staffWordSelectors = [
  "JSXText[value=/[A-Za-z]/]",
  "JSXAttribute[name.name=/^(aria-label|aria-description|title|placeholder|alt|label|description|hint|legend|caption|emptyText|empty)$/] > Literal[value=/[A-Za-z]/]",
  "JSXElement > JSXExpressionContainer > Literal[value=/[A-Za-z]/]",
  "JSXElement > JSXExpressionContainer > ConditionalExpression > Literal[value=/[A-Za-z]/]",
  "JSXElement > JSXExpressionContainer > LogicalExpression > Literal[value=/[A-Za-z]/]",
  "JSXElement > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/[A-Za-z]/]",
  "Property[key.name=/^(header|title|label|description)$/] > Literal[value=/[A-Za-z]/]",
].map((selector) => ({ selector, message: STAFF_WORDS }));
const staffScreens = ["app/(app)/**/*.tsx", "app/(auth)/**/*.tsx", "app/*.tsx", "src/**/components/**/*.tsx", "src/reports/pdf/**/*.tsx"];
// The portal's own screens, already in the client's language through messages/<code>.json.
const portalScreens = ["app/p/**", "src/checkins/components/portal-*.tsx", "src/portal/components/**"];

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
      "no-restricted-syntax": ["error", getDbSelector],
    },
  },
  {
    files: staffScreens,
    ignores: ["**/*.test.tsx", ...portalScreens],
    rules: { "no-restricted-syntax": ["error", ...staffWordSelectors] },
  },
  {
    // Under src/ the getDb rule holds too (a later block's no-restricted-syntax replaces an earlier one's).
    files: staffScreens.filter((glob) => glob.startsWith("src/")),
    ignores: ["**/*.test.tsx", ...portalScreens, ...dataEntryPoints],
    rules: { "no-restricted-syntax": ["error", ...staffWordSelectors, getDbSelector] },
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
