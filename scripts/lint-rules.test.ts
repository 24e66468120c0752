import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file = "src/example/queries.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const header = `import { eq } from "drizzle-orm";\nimport type { Db } from "@/db/client";\nimport { getDb } from "@/db/client";\nimport { users } from "@/db/schema";\n`;

// The first lint loads the whole config (next, typescript-eslint): seconds on a busy machine.
describe("the security lint rules in npm test", { timeout: 60_000 }, () => {
  it("refuses an update or delete without where on a database, a transaction or getDb()", async () => {
    const code = `${header}
export async function wipe(db: Db) {
  await db.delete(users);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: "x" });
  });
  await getDb().delete(users);
}
`;
    const ids = await ruleIds(code);
    expect(ids.filter((id) => id === "drizzle/enforce-delete-with-where")).toHaveLength(2);
    expect(ids).toContain("drizzle/enforce-update-with-where");
  });

  it("accepts them with a where clause", async () => {
    const code = `${header}
export async function rename(db: Db, id: string) {
  await db.update(users).set({ name: "x" }).where(eq(users.id, id));
  await db.delete(users).where(eq(users.id, id));
}
`;
    expect((await ruleIds(code)).filter((id) => id.startsWith("drizzle/"))).toEqual([]);
  });

  it("refuses unsanitised HTML sinks in components", async () => {
    const code = `export function show(el: HTMLElement, text: string) {
  el.innerHTML = text;
  el.insertAdjacentHTML("beforeend", text);
}
`;
    const ids = await ruleIds(code, "src/example/components/show.ts");
    expect(ids).toContain("no-unsanitized/property");
    expect(ids).toContain("no-unsanitized/method");
  });

  it("keeps getDb() to entry points: domain code takes db as its first argument", async () => {
    const code = `${header}
export async function names(id: string) {
  return getDb().select().from(users).where(eq(users.id, id));
}
`;
    expect(await ruleIds(code, "src/example/queries.ts")).toContain("no-restricted-syntax");
    expect(await ruleIds(code, "app/example/page.tsx")).not.toContain("no-restricted-syntax");
    expect(await ruleIds(code, "src/lib/action.ts")).not.toContain("no-restricted-syntax");
    const taking = `${header}
export async function names(db: Db, id: string) {
  return db.select().from(users).where(eq(users.id, id));
}
`;
    expect(await ruleIds(taking, "src/example/queries.ts")).not.toContain("no-restricted-syntax");
  });

  it("refuses a component that queries the database itself", async () => {
    const code = `import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
export async function Name({ id }: { id: string }) {
  const [row] = await getDb().select().from(users).where(eq(users.id, id));
  return row?.name ?? null;
}
`;
    const ids = await ruleIds(code, "src/example/components/name.tsx");
    expect(ids.filter((id) => id === "no-restricted-imports")).toHaveLength(2);
    expect(ids).toContain("no-restricted-syntax");
  });

  it("refuses words written straight into a staff screen, and takes them from the staff messages", async () => {
    const messagesOf = async (code: string, file: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      return (result?.messages ?? []).filter((m) => m.message.startsWith("Staff screens' words"));
    };
    const written = `export function Empty({ open, rows }: { open: boolean; rows: number }) {
  const columns = [{ header: "Name" }];
  return (
    <section aria-label="Clients" title={columns[0]!.header}>
      <p>No clients yet.</p>
      <button>{open ? "Hide" : "Show"}</button>
      <span>{\`\${rows} rows\`}</span>
    </section>
  );
}
`;
    // The text, the aria-label, both sides of ?:, the template literal and the column header.
    expect(await messagesOf(written, "src/example/components/empty.tsx")).toHaveLength(6);
    expect(await messagesOf(written, "app/(app)/example/page.tsx")).toHaveLength(6);
    // The portal's screens speak the client's language through their own files: not this rule's.
    expect(await messagesOf(written, "src/portal/components/empty.tsx")).toHaveLength(0);
    const moved = `import { staffText } from "@/i18n/staff";
const t = staffText("roster");
export function Empty({ open }: { open: boolean }) {
  return (
    <section aria-label={t("clients")} className="mt-2 flex">
      <p>{t("noClientsYet")}</p>
      <button>{open ? t("hide") : t("show")}</button>
    </section>
  );
}
`;
    expect(await messagesOf(moved, "src/example/components/empty.tsx")).toHaveLength(0);
  });
});
