import { devices } from "@playwright/test";
import { startTestSmtpServer, type TestSmtpServer } from "../src/messaging/testing/smtp-server";
import { expect, LoginPage, test, users } from "./fixtures";
import { startOwnServer, type OwnServer } from "./own-server";

/**
 * The whole loop through a real SMTP server: the shared browser-test server keeps every message
 * in the outbox, so this spec starts a server of its own (the same built app, a fresh demo
 * database) whose worker delivers to an SMTP server in this test's process.
 */

/** An IANA zone where it is early afternoon now, so the message is not held for quiet hours. */
function afternoonZone(now = new Date()): string {
  const offset = 13 - now.getUTCHours(); // between -10 and +13
  if (offset === 0) return "Etc/GMT";
  // The Etc zones' signs are inverted: Etc/GMT-3 is three hours ahead of UTC.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

test.describe("messages through an SMTP server", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(240_000);
  let smtp: TestSmtpServer;
  let server: OwnServer;

  test.beforeAll(async () => {
    // Seeding a second demo database and starting a second server: minutes on a busy machine.
    test.setTimeout(420_000);
    smtp = await startTestSmtpServer();
    server = await startOwnServer("the SMTP test's server", { SMTP_URL: smtp.url, MAIL_FROM: "Attune <no-reply@attune.test>" }, undefined, 400_000);
  });
  test.afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  // Answers from server actions on a second server of a busy machine: more than the default 7 s.
  const slow = { timeout: 20_000 };

  test("a counselor assigns a thought record; the email's link opens it on a phone; the entry reaches the counselor once; the unsubscribe link stops the next message", async ({ browser }) => {
    const address = `smtp-${Date.now().toString(36)}@example.com`;
    const toThem = () => smtp.received.filter((m) => m.envelopeTo.includes(address));
    const counselor = await browser.newContext({ baseURL: server.baseURL });
    const page = await counselor.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(users.counselor);
    await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();

    await page.goto("/clients?q=RRC-1005");
    await page.getByRole("link", { name: /Elena/ }).click();
    await page.getByRole("link", { name: "Exercises" }).click();
    await page.getByLabel("Email address").fill(address);
    await page.getByLabel("Time zone").fill(afternoonZone());
    await page.getByLabel("Consent to email reminders").selectOption("granted");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await expect(page.getByText(/^Saved/)).toBeVisible(slow);

    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("thought-record");
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByText("The exercise was assigned.")).toBeVisible(slow);

    // The SMTP server receives one message for this person: a private link, one-click unsubscribe, nothing clinical.
    await expect.poll(() => toThem().length, { timeout: 30_000 }).toBe(1);
    const mail = toThem()[0]!.parsed;
    const text = mail.text ?? "";
    const rawHeader = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    expect(rawHeader("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader("list-unsubscribe")).toMatch(/^<https?:\/\/\S+\/api\/unsubscribe\/[A-Za-z0-9_-]{43}\?hl=en>$/);
    expect(`${mail.subject}\n${text}\n${mail.html || ""}`).not.toMatch(/Elena|thought|exercise|check-in|counsel/i);
    const link = new RegExp(`${server.baseURL}/p/[A-Za-z0-9_-]{43}`).exec(text)?.[0];
    const unsubscribe = new RegExp(`${server.baseURL}/unsubscribe/[A-Za-z0-9_-]{43}`).exec(text)?.[0];
    expect(link, "the private link in the message").toBeTruthy();
    expect(unsubscribe, "the unsubscribe link in the message").toBeTruthy();

    // The client follows the link on a phone and completes the thought record.
    const phoneContext = await browser.newContext({ ...devices["Pixel 7"] });
    const phone = await phoneContext.newPage();
    await phone.goto(link!);
    await expect(phone.getByRole("heading", { name: /Hello, / })).toBeVisible();
    await phone.getByRole("link", { name: /Start\W+Thought record/ }).click();
    await phone.getByLabel("The situation").fill("A friend did not answer my message.");
    await phone.getByLabel("The thought that went through your mind").fill("Nobody wants to hear from me.");
    await phone.getByLabel("The feeling that came with it").selectOption({ label: "I can't name it yet" });
    await phone.getByLabel("How strong was the feeling, from 0 to 100?").fill("70");
    await phone.getByLabel("A more balanced thought").fill("She is at work until six.");
    await phone.getByLabel("Now, how strong is that same feeling, from 0 to 100?").fill("35");
    await phone.getByRole("button", { name: "Save" }).dblclick();
    await expect(phone.getByText(/Saved\. Thank you|already saved/)).toBeVisible(slow);

    await page.reload();
    await expect(page.getByRole("link", { name: "Thought record" })).toHaveCount(1);
    await page.getByRole("link", { name: "Thought record" }).click();
    await expect(page.getByText("A friend did not answer my message.")).toBeVisible();
    await page.goBack();

    // The unsubscribe link, without signing in: consent is withdrawn at once.
    await phone.goto(unsubscribe!);
    await phone.getByRole("button", { name: "Stop these emails" }).click();
    await expect(phone.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible(slow);
    await phoneContext.close();

    // The next piece of work makes no message: listed as not sent, and nothing reaches the SMTP server.
    await page.reload();
    await expect(page.getByText("Withdrew consent through the unsubscribe link")).toBeVisible();
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("daily-feelings-journal");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    // The demo's history is generated from today's date: on some days this client already has the
    // journal, and the form asks before a second one. Either way the next piece of work is assigned.
    const assigned = page.getByText("The exercise was assigned.");
    const confirm = page.getByLabel("Yes, assign it again alongside the active one");
    await expect(assigned.or(confirm)).toBeVisible(slow);
    if (await confirm.isVisible()) {
      await confirm.check();
      await page.getByRole("button", { name: "Assign", exact: true }).click();
    }
    await expect(assigned).toBeVisible(slow);
    await page.reload();
    const log = page.getByRole("list", { name: "Messages sent" }).getByRole("listitem");
    await expect(log.filter({ hasText: "Consent to reminders withdrawn" })).toHaveCount(1);
    const delivered = log.filter({ hasText: "Something new" }).filter({ hasNotText: "Not sent" });
    await expect(delivered).toHaveCount(1);
    await expect(delivered).toContainText("Sent");
    await page.getByRole("button", { name: "Send the link now" }).click();
    await expect(page.getByText("Not sent: there is no consent to email this person.")).toBeVisible(slow);
    // Give a wrongly queued message time to arrive: the worker polls every few seconds.
    await page.waitForTimeout(6_000);
    expect(toThem()).toHaveLength(1);
    await counselor.close();
  });
});
