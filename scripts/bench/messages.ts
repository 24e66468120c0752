import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { sql as sqlTag } from "drizzle-orm";
import pg from "pg";
import postgres from "postgres";
import { onQuery, openDatabase, rowsOf } from "../../src/db/client";
import { migrateDatabase } from "../../src/db/migrate";
import { scheduledWorkSource } from "../../src/messaging/due-source";
import { REMINDER_LOOKBACK_MS, scanDueReminders } from "../../src/messaging/reminders";
import { startTestSmtpServer } from "../../src/messaging/testing/smtp-server";
import { startWorker } from "../../src/messaging/worker";
import { root } from "../lib";
import { percentile } from "./measure";
import { getPage } from "./server";

export interface MessagesResult {
  /** The worst-case scan: reminders due, messages queued, the whole scan's time and the due source's alone (ms). */
  scan?: { clientsInCare: number; due: number; queued: number; ms: number; sourceMs: number };
  delivery?: {
    messages: number;
    seconds: number;
    perSecond: number;
    firstToLastPerSecond: number;
    /** Statements sent per message while they went out: the app's (postgres.js) and pg-boss's (pg), and transactions begun. */
    perMessage: { appStatements: number; pgBossStatements: number; transactions: number };
  };
  /** One page's times, one request after another, before the delivery and while it ran (same server, same database server). */
  pageWhileSending?: { path: string; alone: PageTimes; during: PageTimes };
}

export interface PageTimes {
  requests: number;
  median: number;
  p95: number;
}

class Rollback extends Error {}

/** Both parts, in a child process with the react-server condition (the messaging modules are server-only). */
export function benchMessages(url: string, count = 10_000, only = "scan,delivery"): MessagesResult {
  const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", path.join(root, "scripts/bench/messages-child.ts"), url, String(count), only], {
    cwd: root,
    encoding: "utf8",
    timeout: 1_200_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`the messages benchmark failed: ${(run.stderr || run.stdout).slice(-500)}`);
  return JSON.parse(line) as MessagesResult;
}

/** One request after another to a page while `going()` holds, timed to the last byte. */
async function sample(page: { base: string; path: string; cookie: string }, going: () => boolean): Promise<PageTimes> {
  const times: number[] = [];
  while (going()) times.push((await getPage(page.base, page.path, page.cookie)).ms);
  return { requests: times.length, median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/**
 * The delivery of `count` messages (its own database on the same server, its own process), and a
 * page of the app's timed one request after another: for `seconds` before, then for as long as
 * the messages go out. The page's server is the caller's; the data set is the page's.
 */
export async function benchDeliveryWithPage(url: string, count: number, page: { base: string; path: string; cookie: string }, seconds: number): Promise<MessagesResult> {
  const aloneUntil = Date.now() + seconds * 1000;
  const alone = await sample(page, () => Date.now() < aloneUntil);
  const phase = { start: false, end: false };
  let started!: () => void;
  const starting = new Promise<void>((resolve) => (started = resolve));
  const child = startDeliveryChild(url, count, (p) => {
    phase[p] = true;
    if (p === "start") started();
  });
  await Promise.race([starting, child]);
  const during = await sample(page, () => !phase.end);
  const result = await child;
  return { ...result, pageWhileSending: { path: page.path, alone, during } };
}

/** The child's delivery part, started in the background: its phase lines arrive as it runs. */
export function startDeliveryChild(url: string, count: number, onPhase: (phase: "start" | "end") => void): Promise<MessagesResult> {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions", "react-server", path.join(root, "scripts/bench/messages-child.ts"), url, String(count), "delivery", "phases"], { cwd: root });
  let out = "";
  let err = "";
  const seen = new Set<string>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    for (const phase of ["start", "end"] as const) {
      if (!out.includes(`delivery:${phase}\n`) || seen.has(phase)) continue;
      seen.add(phase);
      onPhase(phase);
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", () => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (!line) reject(new Error(`the delivery benchmark failed: ${(err || out).slice(-500)}`));
      else resolve(JSON.parse(line) as MessagesResult);
    });
  });
}

/**
 * The 15-minute reminder scan over the whole large data set, as if every client in care had an
 * address, consent, and a preferred hour of now (so every reminder due today is made at once): the
 * scan's worst case. Run in one transaction that is rolled back, so the data set is left as it was.
 */
export async function benchReminderScan(url: string): Promise<NonNullable<MessagesResult["scan"]>> {
  const handle = openDatabase({ url, max: 2 });
  let result: NonNullable<MessagesResult["scan"]> | undefined;
  try {
    await handle.db.transaction(async (tx) => {
      const now = new Date();
      await tx.execute(sqlTag`
        insert into message_recipients (organisation_id, client_id, email, time_zone, preferred_hour)
        select organisation_id, id, 'bench-' || id || '@example.invalid', time_zone, extract(hour from ${now.toISOString()}::timestamptz at time zone time_zone)::int
        from clients where status in ('intake', 'active')
        on conflict do nothing`);
      await tx.execute(sqlTag`
        insert into reminder_consents (organisation_id, recipient_id, channel, granted, source)
        select organisation_id, id, 'email', true, 'counselor' from message_recipients`);
      const [count] = rowsOf<{ n: number }>(await tx.execute(sqlTag`select count(*)::int as n from clients where status in ('intake', 'active')`));
      // The due source alone first (what the scan reads before writing anything), then the whole scan.
      const window = { from: new Date(now.getTime() - REMINDER_LOOKBACK_MS + 1), to: new Date(now.getTime() + 1) };
      const sourceStarted = performance.now();
      const due = await scheduledWorkSource.dueBetween(tx, window);
      const sourceMs = performance.now() - sourceStarted;
      const started = performance.now();
      const { queued } = await scanDueReminders(tx, scheduledWorkSource, now);
      result = { clientsInCare: Number(count!.n), due: due.length, queued, ms: performance.now() - started, sourceMs };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  } finally {
    await handle.close();
  }
  return result!;
}

/**
 * 10,000 queued messages through the worker (its defaults: 4 batches of 25 in flight, 5 SMTP connections) to an SMTP server in this
 * process that counts what it accepts without parsing it (the tests parse every message), on a scratch database of their own beside the data set's (the delivery log and the
 * audit log are append-only in spirit and in fact; the data set keeps none of it). Timed from the
 * worker's start (its first sweep queues a job per message) until the last is recorded as sent.
 */
export async function benchDelivery(url: string, count = 10_000, onPhase: (phase: "start" | "end") => void = () => {}): Promise<NonNullable<MessagesResult["delivery"]>> {
  const scratch = Object.assign(new URL(url), { pathname: "/attune_bench_messages" }).toString();
  const admin = postgres(Object.assign(new URL(url), { pathname: "/postgres" }).toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists attune_bench_messages");
  await admin.unsafe("create database attune_bench_messages");
  // Counts every statement (ATTUNE_QUERY_LOG=1 reports postgres.js's to onQuery; pg-boss's go through pg).
  process.env.ATTUNE_QUERY_LOG ??= "1";
  const handle = openDatabase({ url: scratch, max: 10 });
  const counted = { app: 0, pgBoss: 0, transactions: 0, on: false };
  const stopCounting = onQuery((text) => {
    if (!counted.on) return;
    counted.app++;
    if (/^\s*begin\b/i.test(text)) counted.transactions++;
  });
  const pgQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counted.on) {
      counted.pgBoss++;
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      if (text && /^\s*begin\b/i.test(text)) counted.transactions++;
    }
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  // The watcher's own connection, outside the counts.
  const watch = postgres(scratch, { max: 1, onnotice: () => {} });
  const smtp = await startTestSmtpServer({ parse: false });
  try {
    await migrateDatabase(handle);
    const [org] = rowsOf<{ id: string }>(await handle.db.execute(sqlTag`insert into organisations (name) values ('Bench messages') returning id`));
    await handle.db.execute(sqlTag`
      insert into messages (organisation_id, job_key, kind, sender, recipient, subject, body_text, body_html)
      select ${org!.id}::uuid, 'bench:' || i, 'password_reset', 'Bench <bench@example.invalid>', 'staff-' || i || '@example.invalid', 'Reset your Attune password',
        'An administrator started a password reset for your Attune account.' || chr(10) || 'Choose a new password: https://app.example/reset/' || i,
        '<p>An administrator started a password reset for your Attune account.</p><p><a href="https://app.example/reset/' || i || '">Choose a new password</a></p>'
      from generate_series(1, ${count}) as i`);
    onPhase("start");
    const started = performance.now();
    counted.on = true;
    const worker = await startWorker(handle, { env: { SMTP_URL: smtp.url, MAIL_FROM: "Bench <bench@example.invalid>", NODE_ENV: "test" }, databaseUrl: scratch, schedule: false, pollingIntervalSeconds: 0.5, log: () => {} });
    let firstAt = 0;
    for (;;) {
      if (!firstAt && smtp.acceptedCount > 0) firstAt = performance.now();
      const [sent] = await watch<{ n: number }[]>`select count(*)::int as n from messages where state = 'sent'`;
      if (Number(sent!.n) >= count) break;
      if (performance.now() - started > 600_000) throw new Error(`only ${sent!.n} of ${count} sent after 10 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    counted.on = false;
    onPhase("end");
    const seconds = (performance.now() - started) / 1000;
    const firstToLast = (performance.now() - firstAt) / 1000;
    await worker.stop();
    return { messages: count, seconds, perSecond: count / seconds, firstToLastPerSecond: count / firstToLast,
      perMessage: { appStatements: counted.app / count, pgBossStatements: counted.pgBoss / count, transactions: counted.transactions / count },
    };
  } finally {
    stopCounting();
    await watch.end({ timeout: 5 });
    pg.Client.prototype.query = pgQuery;
    await smtp.close();
    await handle.close();
    await admin.unsafe("drop database if exists attune_bench_messages");
    await admin.end({ timeout: 5 });
  }
}
