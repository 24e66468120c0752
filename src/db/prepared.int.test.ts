import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { openDatabase, rowsOf, type Db } from "./client";

const preparedStatements = async (db: Db) =>
  rowsOf<{ statement: string }>(await db.execute(sql`select statement from pg_prepared_statements where statement not like ${"%pg_prepared_statements%"}`)).map((r) => r.statement);

// PGlite runs inside the process, with no round trips to save; this is about postgres.js.
describe.runIf(process.env.ATTUNE_TEST_DRIVER === "postgres")("prepared statements on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps each query's statement prepared on its connection, in and out of transactions", async () => {
    // One connection, so the queries and the catalogue read share it.
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${t.name}`;
    const one = openDatabase({ url: url.toString(), max: 1 });
    try {
      for (let i = 0; i < 2; i++) await one.db.execute(sql`select count(*)::int as n from users where role = ${"admin"}`);
      await one.db.select({ id: users.id }).from(users).where(sql`${users.email} = ${"nobody@example.org"}`);
      const statements = await preparedStatements(one.db);
      expect(statements).toContain("select count(*)::int as n from users where role = $1");
      expect(statements.some((s) => s.includes('"users"."email" = $1'))).toBe(true);
      const inTransaction = await one.db.transaction(async (tx) => {
        await tx.execute(sql`select ${42}::int + 1 as answer`);
        return preparedStatements(tx);
      });
      expect(inTransaction).toContain("select $1::int + 1 as answer");
    } finally {
      await one.close();
    }
  });
});
