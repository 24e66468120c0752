import "server-only";
import { eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
import type { PaperSize } from "./paper-size";

/** The paper the actor's organisation lays its PDF reports out on (Letter unless changed). */
export async function organisationPaperSize(db: Db, actor: Pick<Actor, "organisationId">): Promise<PaperSize> {
  const [row] = await db.select({ paperSize: organisations.paperSize }).from(organisations).where(eq(organisations.id, actor.organisationId)).limit(1);
  return row?.paperSize ?? "letter";
}
