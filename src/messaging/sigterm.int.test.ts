import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/db/schema/messages";
import { createOrganisation } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { enqueueMessage } from "./enqueue";
import { renderMessage } from "./templates";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";

/**
 * `npm run worker` as a real child process, stopped with SIGTERM while it is sending a batch and
 * started again: every message reaches the SMTP server exactly once. PostgreSQL only
 * (TEST_DATABASE_URL): PGlite is one process's database.
 */
const postgres = process.env.ATTUNE_TEST_DRIVER === "postgres";
const N = 240;
const root = path.resolve(import.meta.dirname, "../..");

describe.runIf(postgres)("SIGTERM in the middle of a batch", () => {
  let t: TestDatabase;
  let smtp: TestSmtpServer;
  let url: string;
  let orgId: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = await createOrganisation(t.db, "Sigterm org");
    // 40 ms per message: over the mailer's 5 connections, about 125 a second, so batches are still going when the signal comes.
    smtp = await startTestSmtpServer({ acceptDelayMs: 40 });
    url = Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${t.name}` }).toString();
    const expiresAt = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < N; i++) {
      await t.db.transaction((tx) =>
        enqueueMessage(tx, {
          organisationId: orgId,
          jobKey: `sigterm:${i}`,
          kind: "password_reset",
          to: `staff-${i}@mail.test`,
          content: renderMessage("password_reset", { link: `https://app.example/reset/${i}`, expiresAt }),
          actor: { kind: "system" },
        }),
      );
    }
  }, 180_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await smtp?.close();
    await t?.close();
  });

  /** The worker as `npm run worker` runs it (node with tsx's loader, so the signal reaches our code, not tsx's relay). */
  function worker(): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
    let output = "";
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(root, "scripts/worker.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, SMTP_URL: smtp.url, MAIL_FROM: "The team <no-reply@clinic.test>", NODE_ENV: "test", ATTUNE_TEST_DRIVER: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  const states = async () =>
    Object.fromEntries(
      (await t.db.select({ state: messages.state, n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.organisationId, orgId)).groupBy(messages.state)).map((r) => [r.state, Number(r.n)]),
    ) as Record<string, number>;

  it(`${N} queued messages: stopped mid-batch, started again, each sent exactly once`, async () => {
    const first = worker();
    await smtp.waitFor(40, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain("SIGTERM, finishing the messages in hand");
    // Stopped in the middle: some sent, some still waiting, none left half-done.
    const afterStop = await states();
    expect(afterStop.sent ?? 0).toBeGreaterThan(0);
    expect(afterStop.queued ?? 0).toBeGreaterThan(0);
    expect(afterStop.sending ?? 0).toBe(0);
    // Every message the SMTP server accepted is recorded as sent, and no more.
    expect(smtp.received).toHaveLength(afterStop.sent!);

    const second = worker();
    const until = Date.now() + 120_000;
    while ((await states()).sent !== N && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);

    expect(await states()).toEqual({ sent: N });
    expect(smtp.received).toHaveLength(N);
    const ids = new Set(smtp.received.map((m) => m.parsed.messageId));
    expect(ids.size).toBe(N);
    const recipients = new Set(smtp.received.flatMap((m) => m.envelopeTo));
    expect(recipients.size).toBe(N);
    // Nothing was sent twice: one attempt each.
    const attempts = await t.db.select({ attempts: messages.attempts }).from(messages).where(eq(messages.organisationId, orgId));
    expect(attempts.every((a) => a.attempts === 1)).toBe(true);
  }, 300_000);
});
