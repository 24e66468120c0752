import { sql } from "drizzle-orm";
import { openDatabase, installDatabase, rowsOf } from "../src/db/client";
const handle = openDatabase({ url: process.env.DATABASE_URL!, max: 2 });
installDatabase(handle);
const db = handle.db;
const { clientTrends } = await import("../src/outcomes/trends");
const [u] = rowsOf<any>(await db.execute(sql`select id, organisation_id, role, name, email from users where email = 'counselor0.s42@large.example'`));
const actor = { userId: u.id, organisationId: u.organisation_id, role: u.role, name: u.name, email: u.email };
for (const rec of ["L-100001", "L-100000"]) {
  const [c] = rowsOf<any>(await db.execute(sql`select id, time_zone from clients where record_number = ${rec}`));
  const client = { id: c.id, timeZone: c.time_zone };
  for (let i = 0; i < 30; i++) await clientTrends(db, actor as any, client, "all");
  const orig = db.execute.bind(db); let sqlMs = 0;
  (db as any).execute = async (q: any) => { const t = performance.now(); const r = await orig(q); sqlMs += performance.now() - t; return r; };
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) await clientTrends(db, actor as any, client, "all");
  const total = (performance.now() - t0) / 200;
  (db as any).execute = orig;
  console.log(rec, "total ms", total.toFixed(2), "sql ms", (sqlMs / 200).toFixed(2), "js ms", (total - sqlMs / 200).toFixed(2));
}
await handle.close();
