import { describe, expect, it } from "vitest";
import { createPacer, DEFAULT_MAIL_RATE, mailRateFrom } from "./pace";

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

/** A clock that only moves when the pacer sleeps: the sleeps are what the test reads. */
function fakeClock() {
  let t = 1_000;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept, advance: (ms: number) => (t += ms) };
}

describe("the sending pace", () => {
  it("spaces batches so that the average never exceeds the rate", async () => {
    const clock = fakeClock();
    const pacer = createPacer(250, clock.now, clock.sleep);
    const start = clock.now();
    for (let i = 0; i < 10; i++) await pacer.take(25);
    // 250 messages at 250 a second: the first batch at once, the tenth 0.9 s after the start.
    expect(clock.slept).toHaveLength(9);
    for (const ms of clock.slept) expect(ms).toBeCloseTo(100, 6);
    expect(clock.now() - start).toBeCloseTo(900, 6);
  });

  it("does not save up: after a quiet spell the next batch goes at once, and the one after waits its turn", async () => {
    const clock = fakeClock();
    const pacer = createPacer(100, clock.now, clock.sleep);
    await pacer.take(50);
    clock.advance(10_000);
    await pacer.take(50);
    expect(clock.slept).toEqual([]);
    await pacer.take(50);
    expect(clock.slept).toEqual([500]);
  });

  it("waits for nothing with no limit", async () => {
    const clock = fakeClock();
    const pacer = createPacer(0, clock.now, clock.sleep);
    for (let i = 0; i < 100; i++) await pacer.take(1000);
    expect(clock.slept).toEqual([]);
  });

  it("reads MAIL_RATE_PER_SECOND, with 250 a second by default and a clear refusal of nonsense", () => {
    expect(mailRateFrom(env({}))).toBe(DEFAULT_MAIL_RATE);
    expect(DEFAULT_MAIL_RATE).toBe(250);
    expect(mailRateFrom(env({ MAIL_RATE_PER_SECOND: "40" }))).toBe(40);
    expect(mailRateFrom(env({ MAIL_RATE_PER_SECOND: "0" }))).toBe(0);
    expect(() => mailRateFrom(env({ MAIL_RATE_PER_SECOND: "fast" }))).toThrow(/MAIL_RATE_PER_SECOND/);
    expect(() => mailRateFrom(env({ MAIL_RATE_PER_SECOND: "-3" }))).toThrow(/MAIL_RATE_PER_SECOND/);
  });
});
