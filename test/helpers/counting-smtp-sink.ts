import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the sink keeps of each accepted message: enough to count, the raw bytes to parse on demand. */
export interface SinkRecord {
  messageId: string;
  recipient: string;
  raw: Buffer;
}

/**
 * A real SMTP server on loopback for bursts of thousands: it notes each message's Message-ID and
 * envelope recipient and parses a message only when a test asks (the TestSmtpServer parses every
 * one, which costs the test process more than the workers' sending).
 */
export interface CountingSmtpSink {
  port: number;
  readonly records: SinkRecord[];
  /** The messages `filter` picks, parsed (each once). */
  parsed(filter: (record: SinkRecord) => boolean): Promise<ParsedMail[]>;
  /** How often each Message-ID arrived. */
  countByMessageId(): Map<string, number>;
  close(): Promise<void>;
}

export async function startCountingSmtpSink(): Promise<CountingSmtpSink> {
  const records: SinkRecord[] = [];
  const cache = new Map<SinkRecord, Promise<ParsedMail>>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        records.push({
          messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '(none)',
          recipient: session.envelope.rcptTo[0]?.address.toLowerCase() ?? '',
          raw,
        });
        callback(null, `queued as sink-${records.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('error', () => undefined);
  return {
    port: (server.server.address() as AddressInfo).port,
    records,
    parsed(filter) {
      return Promise.all(
        records.filter(filter).map((record) => {
          let parsing = cache.get(record);
          if (!parsing) {
            parsing = simpleParser(record.raw);
            cache.set(record, parsing);
          }
          return parsing;
        }),
      );
    },
    countByMessageId() {
      const counts = new Map<string, number>();
      for (const record of records) {
        counts.set(record.messageId, (counts.get(record.messageId) ?? 0) + 1);
      }
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
