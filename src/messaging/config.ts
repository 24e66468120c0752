/**
 * How messages leave Attune, read from the environment:
 * - SMTP_URL (smtp://user:pass@host:587 upgrades with STARTTLS when the server offers it;
 *   add ?requireTLS=true to refuse a server that does not; smtps://host:465 is TLS from the start)
 *   and MAIL_FROM ("Clinic name <no-reply@clinic.example>") send through an SMTP server;
 * - with neither, every message is kept in the outbox (the messages table), which administrators
 *   read under Admin → Messages.
 * A production deployment on PostgreSQL must choose: SMTP_URL and MAIL_FROM, or
 * ATTUNE_MAIL_OUTBOX_ONLY=1 to keep messages in the outbox on purpose.
 */
export type MailConfig = { mode: "smtp"; url: string; from: string } | { mode: "outbox"; from: string };

export const DEFAULT_FROM = "Attune <no-reply@attune.invalid>";

export class MailConfigError extends Error {}

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const url = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  if (url) {
    if (!/^smtps?:\/\//.test(url)) throw new MailConfigError("SMTP_URL must start with smtp:// or smtps://.");
    if (!from) throw new MailConfigError("SMTP_URL is set but MAIL_FROM is not: set MAIL_FROM to the address messages come from.");
    return { mode: "smtp", url, from };
  }
  if (from && env.ATTUNE_MAIL_OUTBOX_ONLY !== "1") {
    throw new MailConfigError("MAIL_FROM is set but SMTP_URL is not: set SMTP_URL, or ATTUNE_MAIL_OUTBOX_ONLY=1 to keep messages in the outbox.");
  }
  return { mode: "outbox", from: from || DEFAULT_FROM };
}

/**
 * The worker's own check before it starts: in production on PostgreSQL, keeping messages in the
 * outbox must be a choice, never the result of a forgotten variable.
 */
export function workerMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const config = mailConfig(env);
  const production = env.NODE_ENV === "production" && Boolean(env.DATABASE_URL);
  if (config.mode === "outbox" && production && env.ATTUNE_MAIL_OUTBOX_ONLY !== "1") {
    throw new MailConfigError(
      "Refusing to start the message worker: NODE_ENV=production with DATABASE_URL, but no SMTP_URL. Set SMTP_URL and MAIL_FROM, or ATTUNE_MAIL_OUTBOX_ONLY=1 to keep every message in the outbox.",
    );
  }
  return config;
}

/** Where links in messages point: the address people use to reach the app. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.ATTUNE_PUBLIC_URL?.trim() || env.AUTH_URL?.trim() || `http://localhost:${env.PORT ?? "3000"}`;
  return base.replace(/\/+$/, "");
}
