import { describe, expect, it } from "vitest";
import { MailConfigError, mailConfig, workerMailConfig } from "./config";

describe("mail configuration", () => {
  it("sends through SMTP_URL from MAIL_FROM, smtp:// or smtps://", () => {
    expect(mailConfig({ SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "Clinic <a@b.example>", NODE_ENV: "test" })).toEqual({
      mode: "smtp",
      url: "smtps://u:p@mail.example:465",
      from: "Clinic <a@b.example>",
    });
    expect(() => mailConfig({ SMTP_URL: "http://mail.example", MAIL_FROM: "a@b.example", NODE_ENV: "test" })).toThrow(MailConfigError);
    expect(() => mailConfig({ SMTP_URL: "smtp://mail.example", NODE_ENV: "test" })).toThrow(/MAIL_FROM/);
  });

  it("keeps messages in the outbox with neither set", () => {
    expect(mailConfig({ NODE_ENV: "test" }).mode).toBe("outbox");
  });

  it("refuses a production worker on PostgreSQL with no SMTP server unless the outbox is chosen", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/attune" } as const;
    expect(() => workerMailConfig({ ...production })).toThrow(/ATTUNE_MAIL_OUTBOX_ONLY=1/);
    expect(workerMailConfig({ ...production, ATTUNE_MAIL_OUTBOX_ONLY: "1" }).mode).toBe("outbox");
    expect(workerMailConfig({ ...production, SMTP_URL: "smtp://mail.example:587", MAIL_FROM: "a@b.example" }).mode).toBe("smtp");
    // The embedded database (the demo) keeps an outbox without being asked.
    expect(workerMailConfig({ NODE_ENV: "production" }).mode).toBe("outbox");
  });
});
