import os from "node:os";
import { MailConfigError } from "./config";

/** The niceness `npm run worker` takes unless ATTUNE_WORKER_NICE says otherwise (19, the lowest priority). */
export const DEFAULT_WORKER_NICE = 19;

/**
 * A worker process of its own (npm run worker) gives way to the app on a shared machine: it lowers
 * its own CPU priority (Unix niceness; 0 keeps the default), so that pages keep their times while
 * thousands of messages go out. Lowering needs no privilege. Returns the niceness in force.
 */
export function lowerWorkerPriority(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): number {
  const raw = env.ATTUNE_WORKER_NICE?.trim();
  const wanted = raw ? Number(raw) : DEFAULT_WORKER_NICE;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 19) throw new MailConfigError(`ATTUNE_WORKER_NICE must be a whole number from 0 to 19 (got "${raw}").`);
  try {
    if (wanted > os.getPriority()) os.setPriority(wanted);
  } catch (error) {
    log(`Message worker: could not lower its CPU priority (${(error as Error).message}); it runs at the default.`);
  }
  return os.getPriority();
}
