import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from 'smtp-server';

/*
 * A tiny SMTP server for demos on machines without a mail server: it accepts everything on
 * loopback and stores each message as an .eml file that the demo mailbox page can show.
 */

export const MAIL_SINK_DIR = Symbol('MAIL_SINK_DIR');

export interface MailSinkOptions {
  /** 0 picks a free port; the real one is returned. */
  port: number;
  host?: string;
  dir: string;
}

export interface MailSink {
  port: number;
  close(): Promise<void>;
}

export interface SinkMessageSummary {
  /** The file name, e.g. `2026-11-24T09-00-00.000Z-1a2b3c4d.eml`. */
  id: string;
  date: Date;
  from: string;
  to: string;
  subject: string;
  messageId: string | null;
}

export interface SinkMessage {
  summary: SinkMessageSummary;
  html: string | null;
  text: string | null;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MESSAGE_ID_PATTERN = /^[A-Za-z0-9._-]+\.eml$/;

/** Only plain file names we could have written; rules out `..`, slashes and other directories. */
export function isValidSinkMessageId(id: string): boolean {
  return MESSAGE_ID_PATTERN.test(id) && !id.startsWith('.');
}

function newMessageId(): string {
  // Colons are not allowed in Windows file names (nor in our id pattern).
  const timestamp = new Date().toISOString().replace(/:/g, '-');
  return `${timestamp}-${randomBytes(4).toString('hex')}.eml`;
}

function smtpError(message: string, responseCode: number): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

async function storeMessage(stream: SMTPServerDataStream, dir: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining an oversized message so the SMTP dialogue stays in sync, but stop buffering.
    if (size <= MAX_MESSAGE_BYTES) {
      chunks.push(chunk);
    }
  }
  if (stream.sizeExceeded || size > MAX_MESSAGE_BYTES) {
    throw smtpError('Message exceeds the 10 MB limit', 552);
  }
  const id = newMessageId();
  const partial = join(dir, `${id}.part`);
  await writeFile(partial, Buffer.concat(chunks));
  // Rename so the mailbox page never reads a half-written file.
  await rename(partial, join(dir, id));
  return id;
}

export async function startMailSink({ port, host = '127.0.0.1', dir }: MailSinkOptions): Promise<MailSink> {
  await mkdir(dir, { recursive: true });

  const server = new SMTPServer({
    name: 'nahbar-mail-sink',
    banner: 'nahbar demo mail sink, messages are stored, never delivered',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Do not hold a shutdown for half a minute because of an idle pooled client.
    closeTimeout: 2000,
    onData(stream, _session, callback) {
      storeMessage(stream, dir).then(
        (id) => callback(null, `Message stored as ${id}`),
        (error: unknown) =>
          callback(error instanceof Error ? error : smtpError('Could not store the message', 451)),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // A later socket error must not crash the app through an unhandled 'error' event.
  server.on('error', () => undefined);

  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) {
    return '';
  }
  return (Array.isArray(address) ? address : [address]).map((entry) => entry.text).join(', ');
}

function summarise(id: string, parsed: ParsedMail, fallbackDate: Date): SinkMessageSummary {
  return {
    id,
    date: parsed.date ?? fallbackDate,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? null,
  };
}

async function parseFile(
  dir: string,
  id: string,
): Promise<{ summary: SinkMessageSummary; parsed: ParsedMail }> {
  const path = join(dir, id);
  const [raw, info] = await Promise.all([readFile(path), stat(path)]);
  const parsed = await simpleParser(raw);
  return { summary: summarise(id, parsed, info.mtime), parsed };
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** Newest first; file names start with the receive time, so sorting names sorts by time. */
export async function listSinkMessages(dir: string, limit = 100): Promise<SinkMessageSummary[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) {
      return [];
    }
    throw error;
  }
  const ids = names.filter(isValidSinkMessageId).sort().reverse().slice(0, Math.max(0, limit));
  const summaries = await Promise.all(
    ids.map(async (id) => {
      try {
        return (await parseFile(dir, id)).summary;
      } catch (error) {
        // Deleted between readdir and read: just leave it out.
        if (isNotFound(error)) {
          return null;
        }
        throw error;
      }
    }),
  );
  return summaries.filter((summary): summary is SinkMessageSummary => summary !== null);
}

/** Null for an unknown or malformed id; the id is never used as a path before it is validated. */
export async function readSinkMessage(dir: string, id: string): Promise<SinkMessage | null> {
  if (!isValidSinkMessageId(id)) {
    return null;
  }
  try {
    const { summary, parsed } = await parseFile(dir, id);
    return { summary, html: parsed.html === false ? null : parsed.html, text: parsed.text ?? null };
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}
