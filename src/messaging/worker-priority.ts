import os from "node:os";

/** The CPU priority (nice value, 0 to 19) a worker of its own takes unless WORKER_NICE says otherwise. */
export const DEFAULT_WORKER_NICE = 10;

/**
 * A worker running as a process of its own (npm run worker) lowers its CPU priority, so that on a
 * machine it shares with app instances the pages are served first and the messages go out with
 * the CPU left over (sending 10,000 messages at full speed otherwise slows every page). Not for the
 * worker inside the app's server process: that would slow the pages too. Returns the nice value
 * in force, or null when the system refused (the worker then runs at normal priority).
 */
export function lowerWorkerPriority(env: NodeJS.ProcessEnv = process.env): number | null {
  const wanted = Number(env.WORKER_NICE ?? DEFAULT_WORKER_NICE);
  const nice = Number.isInteger(wanted) ? Math.min(19, Math.max(0, wanted)) : DEFAULT_WORKER_NICE;
  try {
    os.setPriority(nice);
    return os.getPriority();
  } catch {
    return null;
  }
}
