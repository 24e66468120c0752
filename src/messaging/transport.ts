import nodemailer from "nodemailer";
import type { MailConfig } from "./config";

export interface OutgoingMail {
  /** MAIL_FROM, or its address under the organisation's sender name. */
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  listUnsubscribe?: string | null;
  /** Our message id, so a copy accepted twice can be recognised at the receiving end. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** An SMTP refusal that retrying will not change (5xx), or a bad address. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  if (typeof code === "number") return code >= 500 && code < 600;
  return (error as { code?: unknown }).code === "EENVELOPE";
}

/** What the delivery log shows for a failure: the SMTP server's answer, never a stack. */
export function failureReason(error: unknown): string {
  const e = error as { response?: unknown; code?: unknown; message?: unknown };
  const text = typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "string" ? `${e.code}: ` : "";
  return `${code}${text}`.slice(0, 500);
}

/** SMTP connections the mailer keeps open and sends over at once (a batch's messages share them). */
export const SMTP_CONNECTIONS = 5;

/**
 * nodemailer over SMTP_URL: smtp:// upgrades with STARTTLS when offered, smtps:// is TLS
 * throughout. Pooled: up to SMTP_CONNECTIONS connections stay open and carry many messages each,
 * rather than a connection (and a TLS handshake) per message.
 */
export function createMailer(config: Extract<MailConfig, { mode: "smtp" }>): Mailer {
  const transport = nodemailer.createTransport({ url: config.url, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: 500 });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.listUnsubscribe
          ? { headers: { "List-Unsubscribe": `<${mail.listUnsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } }
          : {}),
      });
      return { response: String(info.response ?? "") };
    },
    close: () => transport.close(),
  };
}
