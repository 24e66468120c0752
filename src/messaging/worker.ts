import { sql } from "drizzle-orm";
import { fromDrizzle, fromPglite, PgBoss, type ConstructorOptions } from "pg-boss";
import type { DatabaseHandle, Db } from "@/db/client";
import { workerMailConfig, type MailConfig } from "./config";
import { deliverBatch, dueMessages, JOB_EXPIRE_SECONDS, type DeliveryJob } from "./deliver";
import { scheduledWorkSource } from "./due-source";
import { pruneAllExpired } from "@/db/retention";
import { refitAllCurves } from "@/outcomes/expected-recovery/scheduled-refit";
import { DELIVER_QUEUE, REFIT_CRON, REFIT_QUEUE, REMINDER_CRON, REMINDER_QUEUE, RETENTION_CRON, RETENTION_QUEUE, setRunningBoss, SWEEP_QUEUE, WEEKLY_SUMMARY_CRON, WEEKLY_SUMMARY_QUEUE, type DeliverJob } from "./queue";
import { scanDueReminders } from "./reminders";
import { scanMissedAlerts } from "./counselor-alerts";
import { scanDeteriorationAlerts } from "./deterioration";
import { scanNotOnTrackAlerts } from "./not-on-track";
import { scanWeeklySummaries } from "./weekly-summary";
import { createMailer, type Mailer } from "./transport";
import { createPacer, mailRateFrom } from "./pace";

export interface WorkerOptions {
  env?: NodeJS.ProcessEnv;
  /** PostgreSQL only: the database's URL, when it is not DATABASE_URL (tests). */
  databaseUrl?: string;
  /** Batches in flight at once in this process (default 4 on PostgreSQL, 1 on PGlite). */
  concurrency?: number;
  /** Delivery jobs taken per fetch and sent together (default 25 on PostgreSQL, 10 on PGlite). */
  batchSize?: number;
  /** Messages sent a second at most by this process (default MAIL_RATE_PER_SECOND, else 250; 0: no limit). */
  ratePerSecond?: number;
  /** Seconds before the first retry; doubled each time (pg-boss back-off), at most an hour. */
  retryDelaySeconds?: number;
  retryLimit?: number;
  pollingIntervalSeconds?: number;
  /** The every-minute sweep; tests turn it off to drive it themselves. */
  schedule?: boolean;
  log?: (line: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  config: MailConfig;
  /** Queues a delivery job for every message that is due and not in hand. */
  sweep(): Promise<number>;
  /** Stops taking jobs, lets the jobs in hand finish (or releases them after timeoutMs). */
  stop(timeoutMs?: number): Promise<void>;
}

const drizzleAdapter = (db: Db) => fromDrizzle(db as unknown as Parameters<typeof fromDrizzle>[0], sql as unknown as Parameters<typeof fromDrizzle>[1]);

/**
 * The message worker on pg-boss, on the app's own database: PGlite through pg-boss's adapter (in
 * the server's process, the only one that may open it), PostgreSQL through DATABASE_URL (any
 * number of processes; pg-boss hands each job to one of them and fires each schedule once).
 */
export async function startWorker(handle: DatabaseHandle, options: WorkerOptions = {}): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const config = workerMailConfig(env);
  const mailer: Mailer | null = config.mode === "smtp" ? createMailer(config) : null;
  const common: ConstructorOptions = { schedule: options.schedule ?? true, supervise: true, persistWarnings: false };
  let boss: PgBoss;
  if (handle.raw.driver === "pglite") {
    boss = new PgBoss({ ...common, db: fromPglite(handle.raw.client), backend: "pglite" });
  } else {
    const url = options.databaseUrl ?? env.DATABASE_URL;
    if (!url) throw new Error("The message worker on PostgreSQL needs DATABASE_URL.");
    boss = new PgBoss({ ...common, connectionString: url, max: 4, application_name: "attune-worker" });
  }
  boss.on("error", (error: unknown) => log(`Message worker: ${error instanceof Error ? error.message : String(error)}`));
  await boss.start();
  const retryLimit = options.retryLimit ?? 8;
  const queue = {
    policy: "exclusive" as const,
    retryLimit,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: JOB_EXPIRE_SECONDS,
  };
  if (await boss.getQueue(DELIVER_QUEUE)) {
    const { policy: _fixed, ...changeable } = queue;
    await boss.updateQueue(DELIVER_QUEUE, changeable);
  }
  else await boss.createQueue(DELIVER_QUEUE, queue);
  if (!(await boss.getQueue(SWEEP_QUEUE))) await boss.createQueue(SWEEP_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
  if (!(await boss.getQueue(REMINDER_QUEUE))) await boss.createQueue(REMINDER_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 600 });
  // Retried: a summary missed on Monday morning is still worth sending that day (its job key keeps it to one).
  if (!(await boss.getQueue(WEEKLY_SUMMARY_QUEUE))) await boss.createQueue(WEEKLY_SUMMARY_QUEUE, { policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 900 });
  if (!(await boss.getQueue(RETENTION_QUEUE))) await boss.createQueue(RETENTION_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 600 });
  // Singleton: one refit in hand across all instances. Retried once: a retry refits only the curves the failed run did not.
  if (!(await boss.getQueue(REFIT_QUEUE))) await boss.createQueue(REFIT_QUEUE, { policy: "singleton", retryLimit: 1, retryDelay: 600, expireInSeconds: 3600 });

  const sweep = async (): Promise<number> => {
    const now = new Date();
    let queued = 0;
    let after: string | null = null;
    // Every due message, 5,000 a page, 500 jobs a statement. exclusive + singletonKey: a message
    // already queued or in hand gets no second job (pg-boss's insert skips the conflict and
    // returns only the ids it made).
    do {
      const page: Awaited<ReturnType<typeof dueMessages>> = await dueMessages(handle.db, now, after);
      for (let i = 0; i < page.ids.length; i += 500) {
        const made = await boss.insert(
          DELIVER_QUEUE,
          page.ids.slice(i, i + 500).map((messageId) => ({ data: { messageId } satisfies DeliverJob, singletonKey: messageId })),
          { returnId: true },
        );
        queued += made?.length ?? 0;
      }
      after = page.next;
    } while (after);
    return queued;
  };

  // A batch of jobs per fetch, its messages sent together over the mailer's pooled connections;
  // a full batch fetches the next at once rather than after the polling interval.
  const concurrency = options.concurrency ?? (handle.driver === "pglite" ? 1 : 4);
  const batchSize = options.batchSize ?? (handle.driver === "pglite" ? 10 : 25);
  const polling = options.pollingIntervalSeconds ?? 1;
  const attemptOf = (job: DeliveryJob) => ({ id: job.id, retryCount: job.retryCount });
  const pacer = createPacer(options.ratePerSecond ?? mailRateFrom(env));
  await boss.work<DeliverJob>(DELIVER_QUEUE, { batchSize, burstWhenBatchFull: true, localConcurrency: concurrency, pollingIntervalSeconds: polling }, async (jobs) => {
    const batch: DeliveryJob[] = jobs.map((job) => ({ id: job.id, retryCount: job.retryCount, messageId: String(job.data?.messageId ?? ""), lastAttempt: job.retryCount >= retryLimit }));
    await pacer.take(batch.length);
    await deliverBatch(handle.db, config, mailer, batch, {
      complete: async (tx, settled) => {
        await boss.complete(DELIVER_QUEUE, settled.map(attemptOf), null, { db: drizzleAdapter(tx) });
      },
      // Only these jobs go back, each with pg-boss's back-off; the rest of the batch is settled. The
      // reason is the message's own (in the delivery log): pg-boss's fail hands an output object to
      // the adapter unserialised, which postgres.js refuses.
      retry: async (tx, retried) => {
        await boss.fail(DELIVER_QUEUE, retried.map(attemptOf), null, { db: drizzleAdapter(tx) });
      },
    });
  });
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: Math.max(polling, 2) }, async () => {
    const queued = await sweep();
    if (queued) log(`Message worker: queued ${queued} waiting message${queued === 1 ? "" : "s"}.`);
  });
  await boss.work(REMINDER_QUEUE, { pollingIntervalSeconds: Math.max(polling, 2) }, async () => {
    const now = new Date();
    const { queued } = await scanDueReminders(handle.db, scheduledWorkSource, now);
    if (queued) log(`Message worker: queued ${queued} reminder${queued === 1 ? "" : "s"}.`);
    const { alerted } = await scanMissedAlerts(handle.db, now);
    if (alerted) log(`Message worker: queued ${alerted} missed-in-a-row alert${alerted === 1 ? "" : "s"}.`);
    const deteriorations = await scanDeteriorationAlerts(handle.db, now);
    if (deteriorations.alerted) log(`Message worker: queued ${deteriorations.alerted} deterioration alert${deteriorations.alerted === 1 ? "" : "s"}.`);
    const behind = await scanNotOnTrackAlerts(handle.db, now);
    if (behind.alerted) log(`Message worker: queued ${behind.alerted} not-on-track alert${behind.alerted === 1 ? "" : "s"}.`);
  });
  await boss.work(WEEKLY_SUMMARY_QUEUE, { pollingIntervalSeconds: Math.max(polling, 2) }, async () => {
    const { queued } = await scanWeeklySummaries(handle.db, new Date());
    if (queued) log(`Message worker: queued ${queued} weekly summar${queued === 1 ? "y" : "ies"}.`);
  });
  await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: Math.max(polling, 2) }, async () => {
    const pruned = await pruneAllExpired(handle.db);
    if (pruned.limiterEvents || pruned.idempotencyKeys) log(`Retention: deleted ${pruned.limiterEvents} limiter events and ${pruned.idempotencyKeys} idempotency keys past their use.`);
  });
  await boss.work(REFIT_QUEUE, { pollingIntervalSeconds: Math.max(polling, 2) }, async () => {
    const run = await refitAllCurves(handle.db, new Date());
    log(`Message worker: refitted ${run.refitted} expected recovery curve${run.refitted === 1 ? "" : "s"} (${run.unchanged} unchanged).`);
    if (run.failed.length) throw new Error(`Could not refit ${run.failed.length} expected recovery curve${run.failed.length === 1 ? "" : "s"}: ${run.failed.join("; ")}`);
  });
  if (options.schedule ?? true) {
    await boss.schedule(SWEEP_QUEUE, "* * * * *");
    await boss.schedule(RETENTION_QUEUE, RETENTION_CRON);
    // Reminders come due at each person's preferred hour: a scan every 15 minutes sends them
    // within a quarter of an hour of it (their job keys make a repeated scan send nothing twice).
    await boss.schedule(REMINDER_QUEUE, REMINDER_CRON);
    await boss.schedule(WEEKLY_SUMMARY_QUEUE, WEEKLY_SUMMARY_CRON);
    await boss.schedule(REFIT_QUEUE, REFIT_CRON);
  }
  setRunningBoss(boss);
  // Messages written while no worker ran are picked up at once, not at the next minute.
  await sweep();
  log(
    config.mode === "smtp"
      ? `Message worker started: sending through ${new URL(config.url).host} as ${config.from}.`
      : "Message worker started: no SMTP server configured, messages are kept in the outbox (Admin → Messages).",
  );

  let stopping: Promise<void> | null = null;
  return {
    boss,
    config,
    sweep,
    stop(timeoutMs = 20_000) {
      stopping ??= (async () => {
        setRunningBoss(undefined);
        // graceful: no new jobs; those in hand finish, or go back to the queue after the timeout.
        await boss.stop({ graceful: true, close: true, timeout: timeoutMs });
        mailer?.close();
      })();
      return stopping;
    },
  };
}
