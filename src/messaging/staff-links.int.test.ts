import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { messages } from "@/db/schema";
import { executeAction } from "@/lib/action-core";
import { createOrganisation, createUser, testMeta } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { inviteUser, inviteUserSpec, issueReset, issueResetSpec, reissueInvite, reissueInviteSpec } from "@/users/admin-mutations";
import { findUsableToken } from "@/users/tokens";
import { startTestSmtpServer, type TestSmtpServer } from "./testing/smtp-server";
import { startWorker, type RunningWorker } from "./worker";

let t: TestDatabase;
let orgId: string;
let admin: Actor;
let smtp: TestSmtpServer;
let worker: RunningWorker;

beforeAll(async () => {
  t = await createTestDatabase();
  orgId = await createOrganisation(t.db, "Northside Practice");
  admin = await createUser(t.db, orgId, { role: "admin" });
  smtp = await startTestSmtpServer();
  const url = t.driver === "postgres" ? Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${t.name}` }).toString() : undefined;
  worker = await startWorker(t, {
    env: { SMTP_URL: smtp.url, MAIL_FROM: "Northside <no-reply@northside.test>", ATTUNE_PUBLIC_URL: "https://attune.northside.test", NODE_ENV: "test" },
    databaseUrl: url,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    schedule: false,
    log: () => {},
  });
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await t?.close();
});

function linkIn(text: string, purpose: "invite" | "reset"): { url: string; token: string } {
  const match = new RegExp(`(https?://\\S+/${purpose}/([A-Za-z0-9_-]{43}))`).exec(text);
  if (!match) throw new Error(`no ${purpose} link in: ${JSON.stringify(text)}`);
  return { url: match[1]!, token: match[2]! };
}

describe("staff links by email", () => {
  it("an invitation arrives with text and HTML parts and a link that works", async () => {
    const previous = process.env.ATTUNE_PUBLIC_URL;
    process.env.ATTUNE_PUBLIC_URL = "https://attune.northside.test";
    try {
      const outcome = await executeAction(t.db, admin, inviteUserSpec, inviteUser, { name: "Ina Invitee", email: "ina@northside.test", role: "counselor" }, testMeta);
      if (outcome.kind !== "ok") throw new Error(JSON.stringify(outcome));
      const [mail] = (await smtp.waitFor(1)).filter((m) => m.envelopeTo.includes("ina@northside.test"));
      expect(mail!.parsed.subject).toBe("You are invited to Northside Practice on Attune");
      expect(mail!.parsed.from?.text).toContain("no-reply@northside.test");
      const fromText = linkIn(mail!.parsed.text ?? "", "invite");
      expect(mail!.parsed.html || "").toContain(`href="${fromText.url}"`);
      expect(fromText.url).toBe(`https://attune.northside.test${outcome.result.link.path}`);
      const holder = await findUsableToken(t.db, "invite", fromText.token);
      expect(holder?.email).toBe("ina@northside.test");
      // Staff messages carry no unsubscribe header: they are not reminders.
      expect(mail!.parsed.headers.get("list-unsubscribe")).toBeUndefined();
      // The SMTP server has the message before the worker commits "sent": wait for the commit.
      const state = async () => (await t.db.select({ state: messages.state }).from(messages).where(eq(messages.jobKey, `invite:${outcome.result.link.id}`)))[0]?.state;
      await expect.poll(state, { timeout: 15_000 }).toBe("sent");
    } finally {
      if (previous === undefined) delete process.env.ATTUNE_PUBLIC_URL;
      else process.env.ATTUNE_PUBLIC_URL = previous;
    }
  });

  it("a renewed invitation and a password reset each send one message of their own", async () => {
    const invited = await executeAction(t.db, admin, inviteUserSpec, inviteUser, { name: "Rey Renewed", email: "rey@northside.test", role: "counselor" }, testMeta);
    if (invited.kind !== "ok") throw new Error(JSON.stringify(invited));
    const renewed = await executeAction(t.db, admin, reissueInviteSpec, reissueInvite, { userId: invited.result.userId }, testMeta);
    if (renewed.kind !== "ok") throw new Error(JSON.stringify(renewed));
    const toRey = async () => (await smtp.waitFor(smtp.received.length)).filter((m) => m.envelopeTo.includes("rey@northside.test"));
    const until = Date.now() + 15_000;
    while ((await toRey()).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const mails = await toRey();
    expect(mails).toHaveLength(2);
    // The first link was revoked by the second: only the newer message's link works.
    const tokens = mails.map((m) => linkIn(m.parsed.text ?? "", "invite").token);
    const usable = await Promise.all(tokens.map((token) => findUsableToken(t.db, "invite", token)));
    expect(usable.filter(Boolean)).toHaveLength(1);

    const counselor = await createUser(t.db, orgId, { role: "counselor" });
    const reset = await executeAction(t.db, admin, issueResetSpec, issueReset, { userId: counselor.userId }, testMeta);
    if (reset.kind !== "ok") throw new Error(JSON.stringify(reset));
    const until2 = Date.now() + 15_000;
    let resetMail;
    while (!(resetMail = smtp.received.find((m) => m.envelopeTo.includes(counselor.email))) && Date.now() < until2) await new Promise((r) => setTimeout(r, 100));
    expect(resetMail?.parsed.subject).toBe("Reset your Attune password");
    expect(await findUsableToken(t.db, "reset", linkIn(resetMail!.parsed.text ?? "", "reset").token)).not.toBeNull();
  });
});
