import { sql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";
import type { Db } from "@/db/client";

/** pg-boss queues. deliver-message: one job per message; message-sweep: a schedule that picks up stragglers. */
export const DELIVER_QUEUE = "deliver-message";
export const SWEEP_QUEUE = "message-sweep";
/** Every 15 minutes (a pg-boss schedule, fired once across instances): reminders that came due. */
export const REMINDER_QUEUE = "reminder-scan";
export const REMINDER_CRON = "*/15 * * * *";
/** Mondays at 07:00 UTC (a pg-boss schedule, fired once across instances): the weekly summaries. */
export const WEEKLY_SUMMARY_QUEUE = "weekly-summary";
export const WEEKLY_SUMMARY_CRON = "0 7 * * 1";
/** Hourly at :17 (a pg-boss schedule, fired once across instances): the limiter ledger and idempotency keys past their use (src/db/retention.ts). */
export const RETENTION_QUEUE = "prune-expired-rows";
export const RETENTION_CRON = "17 * * * *";
/**
 * Nightly at 02:30 UTC (a pg-boss schedule, fired once across instances): every expected recovery
 * curve refitted on the day's data (src/outcomes/expected-recovery/scheduled-refit.ts). Once a
 * day because a curve moves little in a day, and at night because a large organisation's fits
 * read every client's scores for seconds.
 */
export const REFIT_QUEUE = "expected-recovery-refit";
export const REFIT_CRON = "30 2 * * *";

export interface DeliverJob {
  messageId: string;
}

const slot = globalThis as typeof globalThis & { __attuneBoss?: PgBoss };

/** The started pg-boss of this process, if it runs a worker (the server's, or npm run worker's). */
export function runningBoss(): PgBoss | undefined {
  return slot.__attuneBoss;
}

export function setRunningBoss(boss: PgBoss | undefined): void {
  slot.__attuneBoss = boss;
}

/**
 * Queues the delivery jobs on the caller's transaction (one statement for all), so each job exists
 * exactly when its message does. Without a worker in this process nothing is queued here: the
 * sweep (every minute, on whichever instance runs a worker) queues every message still waiting.
 */
export async function queueDeliveries(db: Db, jobs: { messageId: string; startAfter?: Date }[]): Promise<void> {
  const boss = runningBoss();
  if (!boss || jobs.length === 0) return;
  const now = Date.now();
  await boss.insert(
    DELIVER_QUEUE,
    jobs.map(({ messageId, startAfter }) => ({
      data: { messageId } satisfies DeliverJob,
      singletonKey: messageId,
      ...(startAfter && startAfter.getTime() > now ? { startAfter } : {}),
    })),
    { db: fromDrizzle(db as unknown as Parameters<typeof fromDrizzle>[0], sql as unknown as Parameters<typeof fromDrizzle>[1]) },
  );
}
