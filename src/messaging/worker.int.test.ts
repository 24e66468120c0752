import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clients, messageRecipients, messages, reminderConsents } from "@/db/schema";
import { createOrganisation, createUser } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { dueMessages } from "./deliver";
import { enqueueMessage, type EnqueueInput } from "./enqueue";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { renderMessage } from "./templates";
import { startWorker, type RunningWorker } from "./worker";

let t: TestDatabase;
let orgId: string;
let smtp: TestSmtpServer;

function start(env: NodeJS.ProcessEnv): Promise<RunningWorker> {
  return startWorker(t, { env, databaseUrl: t.url, retryDelaySeconds: 1, retryLimit: 3, pollingIntervalSeconds: 0.5, schedule: false, log: () => {} });
}

const smtpEnv = (): NodeJS.ProcessEnv => ({ SMTP_URL: smtp.url, MAIL_FROM: "Attune <no-reply@clinic.test>", NODE_ENV: "test" });

let counter = 0;
function invitation(overrides: Partial<EnqueueInput> = {}): EnqueueInput {
  counter++;
  return {
    organisationId: orgId,
    jobKey: `invite:test-${counter}`,
    kind: "staff_invitation",
    to: `person-${counter}@clinic.test`,
    content: renderMessage("staff_invitation", { link: `http://localhost:3000/invite/token-${counter}`, expiresAt: new Date("2026-12-14T12:00:00Z"), organisationName: "Test clinic" }),
    actor: { kind: "system" },
    ...overrides,
  };
}

async function messageRow(id: string) {
  const [row] = await t.db.select().from(messages).where(eq(messages.id, id));
  return row!;
}

async function waitForState(id: string, states: string[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await messageRow(id);
    if (states.includes(row.state)) return row;
    if (Date.now() > until) throw new Error(`message ${id} stayed ${row.state} (${row.reason})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Messages org");
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe("the message worker", () => {
  it("keeps messages in the outbox when no SMTP server is configured, audited without the body", async () => {
    const queuedBefore = await t.db.transaction((tx) => enqueueMessage(tx, invitation()));
    const worker = await start({ NODE_ENV: "test" });
    try {
      // Written while no worker ran: the start-up sweep picks it up.
      const row = await waitForState(queuedBefore.id, ["outbox"]);
      expect(row.bodyText).toContain("Set up your account");
      expect(row.sentAt).not.toBeNull();
      // Written while the worker runs: its job is queued in the same transaction.
      const second = await t.db.transaction((tx) => enqueueMessage(tx, invitation()));
      await waitForState(second.id, ["outbox"]);
      const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "message"), eq(auditEvents.entityId, queuedBefore.id)));
      expect(events.map((e) => e.action).sort()).toEqual(["message.outbox", "message.queue"]);
      for (const e of events) expect(JSON.stringify(e.detail)).not.toContain("Set up your account");
    } finally {
      await worker.stop();
    }
    expect(smtp.received).toHaveLength(0);
  });

  it("sends through SMTP once per job key, text and HTML, and clears the body once accepted", async () => {
    const worker = await start(smtpEnv());
    try {
      const input = invitation();
      const first = await t.db.transaction((tx) => enqueueMessage(tx, input));
      const again = await t.db.transaction((tx) => enqueueMessage(tx, input));
      expect(again).toEqual({ id: first.id, created: false });
      const row = await waitForState(first.id, ["sent"]);
      expect(row.bodyText).toBeNull();
      expect(row.bodyHtml).toBeNull();
      expect(row.attempts).toBe(1);
      await worker.sweep();
      await new Promise((r) => setTimeout(r, 1500));
      const mine = smtp.received.filter((m) => m.envelopeTo.includes(input.to));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.parsed.text).toContain("http://localhost:3000/invite/token-");
      expect(mine[0]!.parsed.html).toContain('href="http://localhost:3000/invite/token-');
      expect(mine[0]!.parsed.subject).toBe("You are invited to Test clinic on Attune");
    } finally {
      await worker.stop();
    }
  });

  it("retries a refusing server with back-off, then sends exactly once", async () => {
    const worker = await start(smtpEnv());
    try {
      smtp.refuseNext(2);
      const input = invitation();
      const { id } = await t.db.transaction((tx) => enqueueMessage(tx, input));
      const row = await waitForState(id, ["sent", "failed"], 25_000);
      expect(row.state).toBe("sent");
      expect(row.attempts).toBe(3);
      expect(smtp.received.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it("records a permanent refusal as failed, with the server's reason", async () => {
    const worker = await start(smtpEnv());
    try {
      smtp.refuseNext(1, 550);
      const { id } = await t.db.transaction((tx) => enqueueMessage(tx, invitation()));
      const row = await waitForState(id, ["failed", "sent"]);
      expect(row.state).toBe("failed");
      expect(row.reason).toMatch(/550|Mailbox unavailable/);
      expect(row.bodyText).toBeNull();
      const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "message.fail")));
      expect(event).toBeDefined();
    } finally {
      await worker.stop();
    }
  });

  it("a batch with one refusing recipient: the others go out once, only the refused one is retried", async () => {
    // Written while no worker runs, so the start-up sweep queues all five at once and one fetch takes them together.
    const inputs = Array.from({ length: 5 }, () => invitation());
    const ids = [];
    for (const input of inputs) ids.push((await t.db.transaction((tx) => enqueueMessage(tx, input))).id);
    const refused = inputs[2]!.to;
    smtp.refuseFor(refused, 1);
    const worker = await start(smtpEnv());
    try {
      const rows = [];
      for (const id of ids) rows.push(await waitForState(id, ["sent", "failed"], 25_000));
      expect(rows.map((r) => r.state)).toEqual(["sent", "sent", "sent", "sent", "sent"]);
      expect(rows.map((r) => r.attempts)).toEqual([1, 1, 2, 1, 1]);
      // The four that were accepted were claimed by one batch, the refused one again later.
      const others = rows.filter((_, i) => i !== 2);
      expect(new Set(others.map((r) => r.claimedAt!.getTime())).size).toBe(1);
      expect(rows[2]!.claimedAt!.getTime()).toBeGreaterThan(others[0]!.claimedAt!.getTime());
      await worker.sweep();
      await new Promise((r) => setTimeout(r, 1500));
      for (const input of inputs) expect(smtp.received.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
      const sends = await t.db.select({ entityId: auditEvents.entityId }).from(auditEvents).where(eq(auditEvents.action, "message.send"));
      for (const id of ids) expect(sends.filter((e) => e.entityId === id)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it("re-checks consent at send time: a message whose recipient withdrew while it waited is not sent", async () => {
    const counselor = await createUser(t.db, orgId);
    const [c] = await t.db
      .insert(clients)
      .values({ organisationId: orgId, name: "Robin Waiting", recordNumber: "WK-1", recoveryFocus: "both", status: "active", primaryCounselorId: counselor.userId, startDate: "2026-01-01", timeZone: "UTC" })
      .returning({ id: clients.id });
    const [r] = await t.db.insert(messageRecipients).values({ organisationId: orgId, clientId: c!.id, email: "robin.waiting@mail.test", timeZone: "UTC", preferredHour: 9 }).returning({ id: messageRecipients.id });
    await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: true, recordedBy: counselor.userId, source: "counselor", recordedAt: new Date(Date.now() - 60_000) });
    const consented = invitation({ kind: "something_new", to: "robin.waiting@mail.test", clientId: c!.id, recipientId: r!.id });
    const { id } = await t.db.transaction((tx) => enqueueMessage(tx, consented));
    // And one a worker claimed and then vanished with (a stale claim), never accepted by the server.
    const { id: abandoned } = await t.db.transaction((tx) => enqueueMessage(tx, { ...consented, jobKey: `${consented.jobKey}:abandoned` }));
    await t.db.update(messages).set({ state: "sending", claimedAt: new Date(Date.now() - 10 * 60_000), attempts: 1 }).where(eq(messages.id, abandoned));
    // Withdrawn after the message was written and before any worker took it.
    await t.db.insert(reminderConsents).values({ organisationId: orgId, recipientId: r!.id, granted: false, source: "unsubscribe_link" });
    const worker = await start(smtpEnv());
    try {
      const row = await waitForState(id, ["suppressed", "sent"]);
      expect(row.state).toBe("suppressed");
      expect(row.reason).toMatch(/withdrawn/i);
      expect(row.bodyText).toBeNull();
      const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "message.suppress")));
      expect(event).toBeDefined();
      expect((await waitForState(abandoned, ["suppressed", "sent"])).state).toBe("suppressed");
    } finally {
      await worker.stop();
    }
    expect(smtp.received.filter((m) => m.envelopeTo.includes("robin.waiting@mail.test"))).toHaveLength(0);
  });

  it("keeps to MAIL_RATE_PER_SECOND: a backlog leaves at that pace, not all at once", async () => {
    const org = await createOrganisation(t.db, "Paced org");
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await t.db.transaction((tx) => enqueueMessage(tx, invitation({ organisationId: org })))).id);
    // 20 messages at 4 a second, in batches of at most 5: the last batch may start only when the
    // 15 or more before it have had their time, 3.75 s after the first (unpaced, about a second).
    const started = Date.now();
    const worker = await startWorker(t, { env: { ...smtpEnv(), MAIL_RATE_PER_SECOND: "4" }, databaseUrl: t.url, batchSize: 5, concurrency: 1, pollingIntervalSeconds: 0.5, schedule: false, log: () => {} });
    try {
      for (const id of ids) await waitForState(id, ["sent"]);
    } finally {
      await worker.stop();
    }
    const sent = (await t.db.select({ sentAt: messages.sentAt }).from(messages).where(eq(messages.organisationId, org))).map((r) => r.sentAt!.getTime());
    expect(sent).toHaveLength(20);
    expect(Math.max(...sent) - started).toBeGreaterThanOrEqual(3_700);
  });

  it("the sweep pages through every due message, however many share one due time", async () => {
    const org = await createOrganisation(t.db, "Sweep paging org");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await t.db.transaction((tx) => enqueueMessage(tx, invitation({ organisationId: org })))).id);
    // One due time for all five, to the microsecond: the pages must still move on.
    const dueAt = new Date(Date.now() - 60_000);
    await t.db.update(messages).set({ sendAfter: dueAt }).where(eq(messages.organisationId, org));
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Awaited<ReturnType<typeof dueMessages>> = await dueMessages(t.db, new Date(), after, 2);
      seen.push(...page.ids.filter((id) => ids.includes(id)));
      after = page.next;
      if (!after) break;
    }
    expect(after).toBeNull();
    expect(seen.sort()).toEqual([...ids].sort());
  });
});
