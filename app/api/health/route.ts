import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const { db, driver } = getDatabase();
  try {
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: driver }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable", database: driver }, { status: 503, headers: { "Retry-After": "5" } });
  }
}
