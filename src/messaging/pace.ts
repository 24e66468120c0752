import { MailConfigError } from "./config";

/**
 * An even pace for sending: `take(n)` resolves when n more messages may go without exceeding
 * `perSecond` on average, so a backlog of thousands leaves at a steady rate instead of taking
 * every core the app's pages need. One pacer per worker process; 0 or less means no pace.
 */
export interface Pacer {
  take(n: number): Promise<void>;
}

export function createPacer(perSecond: number, now: () => number = () => performance.now(), sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Pacer {
  if (!(perSecond > 0)) return { take: async () => {} };
  let nextFree = -Infinity;
  return {
    async take(n) {
      const t = now();
      const start = Math.max(t, nextFree);
      nextFree = start + (n * 1000) / perSecond;
      if (start > t) await sleep(start - t);
    },
  };
}

/** MAIL_RATE_PER_SECOND: messages a worker process sends a second at most (default 250; 0 for no limit). */
export function mailRateFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.MAIL_RATE_PER_SECOND?.trim();
  if (!raw) return DEFAULT_MAIL_RATE;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 0) throw new MailConfigError(`MAIL_RATE_PER_SECOND must be a number of messages a second, 0 for no limit (got "${raw}").`);
  return rate;
}

export const DEFAULT_MAIL_RATE = 250;
