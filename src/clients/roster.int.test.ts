import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { decodeCursor, describePage } from "@/components/data-table/table-state";
import { rowsOf } from "@/db/client";
import { seedLargeDataset } from "@/db/seed/large";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { rosterFilterOptions } from "./queries";
import { listRoster, rosterSortable, type RosterPage, type RosterQuery } from "./roster";

// The roster's keyset pages and its total, which is exact up to a limit and estimated beyond it
// (the listing itself never counts every visible client).

let t: TestDatabase;
const actors: Record<"counselor" | "director", Actor> = {} as never;

async function actorFor(email: string): Promise<Actor> {
  const [row] = rowsOf<Actor>(await t.db.execute(sql`select id as "userId", organisation_id as "organisationId", role, name, email from users where email = ${email}`));
  return row!;
}

/** Every visible client's id in the roster's order, read without paging. */
async function everyId(actor: Actor, query: Omit<RosterQuery, "cursor" | "pageSize">): Promise<string[]> {
  return (await listRoster(t.db, actor, { ...query, pageSize: 100_000, cursor: {} })).rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const seeded = await seedLargeDataset(t, { seed: 11, clients: 120, counselors: 6, auditPerClient: 1, secondOrgClients: 5 });
  actors.counselor = await actorFor(seeded.busiestCounselorEmail);
  actors.director = await actorFor(seeded.directorEmail);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe("roster pages", () => {
  for (const who of ["director", "counselor"] as const) {
    for (const sortId of rosterSortable) {
      it(`${who}, by ${sortId}: next and previous walk every client once, with their positions`, async () => {
        const actor = actors[who];
        const sort = { id: sortId, desc: sortId === "startDate" };
        const expected = await everyId(actor, { sort, filters: {} });
        expect(expected.length).toBeGreaterThan(12);
        const pageSize = 10;
        const pages: RosterPage[] = [];
        let cursor: RosterQuery["cursor"] = {};
        for (;;) {
          const page = await listRoster(t.db, actor, { sort, filters: {}, pageSize, cursor });
          pages.push(page);
          if (!page.page.nextCursor) break;
          cursor = { after: decodeCursor(page.page.nextCursor)! };
        }
        expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
        pages.forEach((p, i) => {
          expect(p.page.from).toBe(i * pageSize + 1);
          expect(p.page.to).toBe(i * pageSize + p.rows.length);
          expect(p.total).toBe(expected.length);
          expect(p.totalIsEstimate).toBe(false);
        });
        // And back from the last page to the first, by the previous links.
        let back = pages.at(-1)!;
        for (let i = pages.length - 2; i >= 0; i--) {
          back = await listRoster(t.db, actor, { sort, filters: {}, pageSize, cursor: { before: decodeCursor(back.page.prevCursor!)! } });
          expect(back.rows.map((r) => r.id)).toEqual(pages[i]!.rows.map((r) => r.id));
          expect([back.page.from, back.page.to]).toEqual([pages[i]!.page.from, pages[i]!.page.to]);
          expect(back.page.nextCursor).not.toBeNull();
        }
        expect(back.page.prevCursor).toBeNull();
      });
    }
  }

  it("a cursor from before positions were kept (sort value and id only) still finds its place", async () => {
    const sort = { id: "name" as const, desc: false };
    const first = await listRoster(t.db, actors.director, { sort, filters: {}, pageSize: 10, cursor: {} });
    const [value, id] = decodeCursor(first.page.nextCursor!)!;
    const second = await listRoster(t.db, actors.director, { sort, filters: {}, pageSize: 10, cursor: { after: [value, id] } });
    expect(second.page.from).toBe(11);
    expect(second.rows[0]!.id).toBe((await everyId(actors.director, { sort, filters: {} }))[10]);
  });

  it("beyond the exact limit the total is an estimate, said so, and never less than the rows already shown", async () => {
    const sort = { id: "name" as const, desc: false };
    const all = await everyId(actors.director, { sort, filters: {} });
    const page = await listRoster(t.db, actors.director, { sort, filters: {}, pageSize: 10, cursor: {} }, { exactTotalUpTo: 20 });
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBeGreaterThan(20);
    expect(describePage(page.page, page.rows.length, page.total, page.totalIsEstimate)).toMatch(/^Showing 1–10 of about \d/);
    // Exact below the limit: the filter leaves fewer clients than it.
    const few = await listRoster(t.db, actors.director, { sort, filters: { status: "discharged" }, pageSize: 10, cursor: {} }, { exactTotalUpTo: all.length });
    expect(few.totalIsEstimate).toBe(false);
    expect(few.total).toBe((await everyId(actors.director, { sort, filters: { status: "discharged" } })).length);
  });
});

describe("roster filter options", () => {
  for (const who of ["director", "counselor"] as const) {
    it(`${who}: the tags and primary counselors of exactly the clients they see`, async () => {
      const rows = (await listRoster(t.db, actors[who], { sort: { id: "name", desc: false }, filters: {}, pageSize: 100_000, cursor: {} })).rows;
      const options = await rosterFilterOptions(t.db, actors[who]);
      expect([...options.tags].sort()).toEqual([...new Set(rows.flatMap((r) => r.tags))].sort());
      expect(options.counselors.map((c) => c.id).sort()).toEqual([...new Set(rows.map((r) => r.counselorId))].sort());
    });
  }
});
