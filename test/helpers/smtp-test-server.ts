import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from 'smtp-server';

/** A real SMTP server on loopback that keeps every accepted message in memory, parsed. */
export interface TestSmtpServer {
  port: number;
  /** Accepted messages in arrival order; failed ones are not recorded. */
  readonly messages: ParsedMail[];
  /** When each of `messages` got its `250` (Date.now() as the reply was written), same order. */
  readonly acceptedAt: number[];
  /** Resolves once at least `count` messages arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The next `times` messages are answered with this SMTP error after DATA (e.g. 550 or 451). */
  failNext(code: number, message: string, times?: number): void;
  /** Every message to this address is answered with this SMTP error after DATA. */
  failRecipient(address: string, code: number, message: string): void;
  /**
   * After `accepted` messages in all, further messages get no reply to DATA until `release()`: the
   * client waits for its `250`. A message whose client went away meanwhile is dropped, as a real
   * server must (it never took responsibility for it).
   */
  holdAfter(accepted: number): void;
  /** How many messages are waiting for their reply because of `holdAfter`. */
  readonly held: number;
  release(): void;
  close(): Promise<void>;
}

/** How often each Message-ID arrived. */
export function countByMessageId(messages: ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const id = message.messageId ?? '(none)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

interface Waiter {
  count: number;
  resolve(messages: ParsedMail[]): void;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * `port`: listen there (e.g. to bring a server "back" where a stopped one was); default any free port.
 * `acceptDelayMs`: each `250` is written that long after the message's end, as a server that first
 * writes the message to disk does (Postfix); a client gone meanwhile gets none and the message is dropped.
 */
export async function startTestSmtpServer(
  options: { port?: number; acceptDelayMs?: number } = {},
): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const acceptedAt: number[] = [];
  const failures: Array<{ code: number; message: string }> = [];
  const recipientFailures = new Map<string, { code: number; message: string }>();
  const closedSessions = new Set<string>();
  let holdAfter = Infinity;
  let held: Array<() => void> = [];
  let waiters: Waiter[] = [];

  const settleWaiters = (): void => {
    const ready = waiters.filter((waiter) => messages.length >= waiter.count);
    waiters = waiters.filter((waiter) => messages.length < waiter.count);
    for (const waiter of ready) {
      waiter.resolve([...messages]);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Tests close the server while a pooled client may still be connected.
    closeTimeout: 200,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      // Always drain the stream first, or the SMTP dialogue gets out of step.
      readAll(stream)
        .then(async (raw) => {
          const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          const failure =
            recipients.map((address) => recipientFailures.get(address)).find(Boolean) ?? failures.shift();
          if (failure) {
            const error: SMTPServerError = Object.assign(new Error(failure.message), {
              responseCode: failure.code,
            });
            callback(error);
            return;
          }
          const parsed = await simpleParser(raw);
          if (messages.length >= holdAfter) {
            await new Promise<void>((resolve) => held.push(resolve));
          }
          if (options.acceptDelayMs) {
            await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
          }
          if (closedSessions.has(session.id)) {
            callback(null, 'client gone');
            return;
          }
          messages.push(parsed);
          acceptedAt.push(Date.now());
          // Recorded before the client hears "250", so a resolved send is already visible.
          callback(null, `Message queued as test-${messages.length}`);
          settleWaiters();
        })
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          callback(
            Object.assign(new Error(`Test server could not parse the message: ${reason}`), {
              responseCode: 451,
            }),
          );
        });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);

  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    messages,
    acceptedAt,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) {
        return Promise.resolve([...messages]);
      }
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const waiter: Waiter = {
          count,
          resolve: (received) => {
            clearTimeout(timer);
            resolve(received);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((candidate) => candidate !== waiter);
          reject(new Error(`Expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(code, message, times = 1) {
      for (let i = 0; i < times; i += 1) {
        failures.push({ code, message });
      }
    },
    failRecipient(address, code, message) {
      recipientFailures.set(address.toLowerCase(), { code, message });
    },
    holdAfter(accepted) {
      holdAfter = accepted;
    },
    get held() {
      return held.length;
    },
    release() {
      holdAfter = Infinity;
      const waiting = held;
      held = [];
      waiting.forEach((resolve) => resolve());
    },
    close: () => {
      const stopping = new Promise<void>((resolve) => server.close(() => resolve()));
      holdAfter = Infinity;
      held.forEach((resolve) => resolve());
      held = [];
      return stopping;
    },
  };
}
