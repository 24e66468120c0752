import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { findVisibleClientId } from "@/clients/access";
import type { Db } from "@/db/client";
import { clientSummaryShares } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { daysBetween, isLocalDate } from "@/lib/local-date";
import { localDate, uuid } from "@/lib/zod-fields";
import { MAX_PERIOD_DAYS } from "./period";
import { staffText } from "@/i18n/staff";

const rv = staffText("reportValidation");

export const shareSummarySchema = z
  .object({ clientId: uuid(rv("unknownClient")), from: localDate(rv("chooseFirstDay")), to: localDate(rv("chooseLastDay")) })
  // Zod still runs this when a date above was refused (that issue does not abort): check them first,
  // or daysBetween throws on the unreadable date and the form answers with a server error.
  .refine((v) => !isLocalDate(v.from) || !isLocalDate(v.to) || (v.from <= v.to && daysBetween(v.from, v.to) <= MAX_PERIOD_DAYS), {
    message: rv("periodTooLong"),
    path: ["to"],
  });
export const withdrawSummarySchema = z.object({ clientId: uuid(rv("unknownClient")) });

type ClientRef = { clientId: string };
const clinical = ["counselor", "supervisor"] as const;
const load = async (db: Db, actor: Parameters<typeof findVisibleClientId>[1], input: { clientId: string }) => {
  const clientId = await findVisibleClientId(db, actor, input.clientId);
  return clientId ? { clientId } : null;
};

export interface SharedSummary {
  id: string;
  from: string;
  to: string;
  sharedAt: string;
}

/** The summary the client currently sees in their portal, if the counselor chose to show one. */
export async function currentSharedSummary(db: Db, organisationId: string, clientId: string): Promise<SharedSummary | null> {
  const [row] = await db
    .select({ id: clientSummaryShares.id, from: clientSummaryShares.periodFrom, to: clientSummaryShares.periodTo, sharedAt: clientSummaryShares.sharedAt, withdrawnAt: clientSummaryShares.withdrawnAt })
    .from(clientSummaryShares)
    .where(and(eq(clientSummaryShares.organisationId, organisationId), eq(clientSummaryShares.clientId, clientId)))
    .orderBy(desc(clientSummaryShares.sharedAt))
    .limit(1);
  return row && !row.withdrawnAt ? { id: row.id, from: row.from, to: row.to, sharedAt: new Date(row.sharedAt).toISOString() } : null;
}

export const shareSummarySpec: ActionSpec<typeof shareSummarySchema, ClientRef, { id: string }> = {
  name: "report.summary_share",
  schema: shareSummarySchema,
  roles: clinical,
  load,
  audit: ({ record, result, input }) => ({ action: "report.summary_share", entityType: "client_summary", entityId: result.id, clientId: record.clientId, detail: { from: input.from, to: input.to } }),
};

/** Shows the period's summary in the client's portal (a new row; the previous one is withdrawn). */
export const shareSummary: Handler<typeof shareSummarySchema, ClientRef, { id: string }> = async ({ db, actor, input, record }) => {
  await withdrawOpen(db, actor.organisationId, record.clientId, actor.userId);
  const [row] = await db
    .insert(clientSummaryShares)
    .values({ organisationId: actor.organisationId, clientId: record.clientId, periodFrom: input.from, periodTo: input.to, sharedBy: actor.userId })
    .returning({ id: clientSummaryShares.id });
  return { id: row!.id };
};

export const withdrawSummarySpec: ActionSpec<typeof withdrawSummarySchema, ClientRef, { withdrawn: number }> = {
  name: "report.summary_withdraw",
  schema: withdrawSummarySchema,
  roles: clinical,
  load,
  audit: ({ record, result }) => ({ action: "report.summary_withdraw", entityType: "client_summary", entityId: record.clientId, clientId: record.clientId, detail: { withdrawn: result.withdrawn } }),
};

export const withdrawSummary: Handler<typeof withdrawSummarySchema, ClientRef, { withdrawn: number }> = async ({ db, actor, record }) => ({
  withdrawn: await withdrawOpen(db, actor.organisationId, record.clientId, actor.userId),
});

async function withdrawOpen(db: Db, organisationId: string, clientId: string, userId: string): Promise<number> {
  const rows = await db
    .update(clientSummaryShares)
    .set({ withdrawnAt: new Date(), withdrawnBy: userId })
    .where(and(eq(clientSummaryShares.organisationId, organisationId), eq(clientSummaryShares.clientId, clientId), isNull(clientSummaryShares.withdrawnAt)))
    .returning({ id: clientSummaryShares.id });
  return rows.length;
}
