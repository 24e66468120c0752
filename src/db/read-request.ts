import "server-only";
import { cookies } from "next/headers";
import { insecureCookiesAllowed } from "@/auth/cookies";
import { getDatabase, getDb, type Db } from "./client";
import { chooseReadDatabase, getReadReplica, primaryPosition } from "./read-replica";

/** Where the person's last write was on the primary (src/db/read-replica.ts). Not a secret. */
export function wroteCookieName(): string {
  return `${insecureCookiesAllowed() ? "" : "__Host-"}attune.wrote`;
}

/** After a write, only when a replica is configured: remember the primary's position for this person. */
export async function rememberWrite(): Promise<void> {
  if (!getReadReplica()) return;
  const position = await primaryPosition(getDatabase());
  (await cookies()).set(wroteCookieName(), position, { httpOnly: true, sameSite: "lax", path: "/", secure: !insecureCookiesAllowed(), maxAge: 15 * 60 });
}

/** The database for this request's lag-tolerant reads: the replica once it shows this person's own writes. */
export async function lagTolerantDb(): Promise<Db> {
  const wrote = (await cookies()).get(wroteCookieName())?.value;
  return (await chooseReadDatabase(getDb(), getReadReplica(), wrote)).db;
}
