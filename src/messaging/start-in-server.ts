import { getDatabase } from "@/db/client";
import { MailConfigError } from "./config";
import { setRunningWorkerStop } from "./worker-slot";
import { startWorker } from "./worker";

/**
 * Starts the message worker inside the app's server process (instrumentation.ts), unless
 * ATTUNE_WORKER=off. A production deployment on PostgreSQL with no SMTP_URL and no
 * ATTUNE_MAIL_OUTBOX_ONLY=1 does not start at all: the error says what to set.
 */
export async function startWorkerInServer(): Promise<void> {
  if (process.env.ATTUNE_WORKER === "off") return;
  try {
    const worker = await startWorker(getDatabase());
    setRunningWorkerStop((timeoutMs) => worker.stop(timeoutMs));
  } catch (error) {
    if (error instanceof MailConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    // The pages do not depend on the worker: serve them, and say loudly why no message goes out
    // (most often a database the migrations have not reached yet: npm run db:migrate).
    console.error(`The message worker did not start, so no message is sent until it does: ${error instanceof Error ? error.message : String(error)}`);
  }
}
