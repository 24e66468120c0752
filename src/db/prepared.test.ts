import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";

// postgres.js connects on the first query, so no server is needed to see how a query would be sent.
describe("statements on PostgreSQL are prepared", () => {
  it("marks every query Drizzle builds as prepared, named or not", async () => {
    const handle = openDatabase({ url: "postgres://nobody@127.0.0.1:9/none", max: 1 });
    try {
      const session = (handle.db as unknown as { session: { prepareQuery: (q: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean) => { prepare: boolean } } }).session;
      expect(session.prepareQuery({ sql: "select $1::int", params: [1] }, undefined, undefined, false).prepare).toBe(true);
      expect(session.prepareQuery({ sql: "select $1::int", params: [1] }, undefined, "named", false).prepare).toBe(true);
      // The query text is unchanged: only how it is sent.
      expect(handle.db.select({ one: sql<number>`${1}::int` }).from(sql`(select 1) x`).toSQL().sql).toBe('select $1::int from (select 1) x');
    } finally {
      await handle.close();
    }
  });
});
