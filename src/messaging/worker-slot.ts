/**
 * The running message worker's stop function, on globalThis: the worker is started inside Next's
 * server bundle (instrumentation.ts) and stopped by the server script (scripts/serve.ts) on
 * SIGTERM, two module worlds that share only the process.
 */
type Slot = { __attuneWorkerStop?: (timeoutMs?: number) => Promise<void> };
const slot = globalThis as typeof globalThis & Slot;

export function setRunningWorkerStop(stop: ((timeoutMs?: number) => Promise<void>) | undefined): void {
  slot.__attuneWorkerStop = stop;
}

/** Stops the worker of this process, if one runs: jobs in hand finish or go back to the queue. */
export async function stopRunningWorker(timeoutMs?: number): Promise<void> {
  const stop = slot.__attuneWorkerStop;
  slot.__attuneWorkerStop = undefined;
  if (stop) await stop(timeoutMs);
}
