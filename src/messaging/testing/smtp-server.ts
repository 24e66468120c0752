import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Every message accepted, parsed (empty when started with `parse: false`). */
  received: ReceivedMail[];
  /** How many messages were accepted, parsed or not. */
  readonly acceptedCount: number;
  /** The next n messages are refused with a temporary error (451). */
  refuseNext(n: number, code?: number): void;
  /** The next n messages to this address are refused (451 unless told), whatever else arrives. */
  refuseFor(address: string, n: number, code?: number): void;
  /** Resolves once `count` messages have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test's own process, on a free port; every message is parsed with
 * mailparser. `acceptDelayMs` holds each answer that long (a slow server, so a test can stop a
 * worker with messages in hand). `parse: false` only counts what it accepts, as a relay that
 * queues a message without reading it would: the benchmark's sink, which shares two cores with
 * the app whose page times it measures (parsing costs about 0.6 ms of CPU a message).
 */
export async function startTestSmtpServer(options: { acceptDelayMs?: number; parse?: boolean } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let accepted = 0;
  let refuse = 0;
  let refuseCode = 451;
  const refuseAddress = new Map<string, { n: number; code: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const forAddress = session.envelope.rcptTo.map((r) => refuseAddress.get(r.address.toLowerCase())).find((r) => r && r.n > 0);
        if (refuse > 0 || forAddress) {
          const code = forAddress ? forAddress.code : refuseCode;
          if (forAddress) forAddress.n--;
          else refuse--;
          const error = Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: code });
          return callback(error);
        }
        if (options.parse === false) {
          accepted++;
          return callback();
        }
        simpleParser(Buffer.concat(chunks))
          .then(async (parsed) => {
            if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
            received.push({ parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
            accepted++;
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    get acceptedCount() {
      return accepted;
    },
    refuseNext(n, code = 451) {
      refuse = n;
      refuseCode = code;
    },
    refuseFor(address, n, code = 451) {
      refuseAddress.set(address.toLowerCase(), { n, code });
    },
    async waitFor(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`Expected ${count} messages at the SMTP server, got ${received.length}.`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
