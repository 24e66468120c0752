import { openDatabase } from "../src/db/client";
import { MailConfigError } from "../src/messaging/config";
import { lowerWorkerPriority } from "../src/messaging/priority";
import { startWorker } from "../src/messaging/worker";

/**
 * npm run worker: the message worker alone, for deployments on PostgreSQL that run it apart from
 * the app instances (start those with ATTUNE_WORKER=off, or let both work: pg-boss gives each job
 * to one worker). SIGTERM lets the messages in hand finish, or hands them back, before it exits.
 * It runs at the lowest CPU priority (ATTUNE_WORKER_NICE, default 19) and sends at most
 * MAIL_RATE_PER_SECOND (default 250) messages a second, so the app's pages keep their times on a
 * machine they share.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("npm run worker needs DATABASE_URL. With the embedded database the worker runs inside the app's server (npm start, npm run demo): PGlite may be opened by one process only.");
  process.exit(1);
}
const handle = openDatabase({ url, max: 4 });
let worker;
try {
  const nice = lowerWorkerPriority();
  if (nice > 0) console.log(`Message worker: CPU priority lowered (niceness ${nice}) so that the app's pages come first.`);
  worker = await startWorker(handle);
} catch (error) {
  await handle.close();
  if (error instanceof MailConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const running = worker;
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Message worker: ${signal}, finishing the messages in hand.`);
  running
    .stop(20_000)
    .then(() => handle.close())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
};
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
