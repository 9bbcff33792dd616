import { connect, type Socket } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import {
  PermanentDeliveryError,
  type EmailTransport,
  type OutgoingEmail,
  type SentEmail,
} from './email-transport';
import { isLoopbackHost } from '../shared/loopback';

export interface SmtpTransportOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). Without it nodemailer still upgrades via STARTTLS when offered. */
  secure: boolean;
  /** Refuse to send unless STARTTLS upgraded the connection (nodemailer `requireTLS`). */
  requireTls?: boolean;
  user?: string;
  pass?: string;
  /** Sender, e.g. `nahbar Freiwilligenagentur <noreply@example.org>`. */
  from: string;
  /** Connections the pool keeps open to the server. */
  maxConnections?: number;
  /** At most this many messages per second from this process, over all connections; 0 = no limit. */
  ratePerSecond?: number;
}

function responseCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) {
    return undefined;
  }
  const code = error.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * A plain TCP connection with Nagle's algorithm off. nodemailer writes each SMTP command in small
 * pieces; with Nagle on, every message waits for the server's delayed ACK (about 40 ms), which
 * capped one pooled connection at ~20 messages/s. Handed over while still connecting, so nodemailer's
 * own handlers see a refused connection and drop it from the pool (TLS via STARTTLS as usual).
 */
function connectWithoutDelay(host: string, port: number): { connection: Socket } {
  return { connection: connect({ host, port, noDelay: true, keepAlive: true }) };
}

/** The only place that knows nodemailer; everything else talks to `EmailTransport`. */
export class SmtpTransport implements EmailTransport {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
  private readonly from: string;

  constructor(options: SmtpTransportOptions) {
    this.from = options.from;
    this.transporter = createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      ...(options.ratePerSecond ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
      host: options.host,
      port: options.port,
      secure: options.secure,
      ...(options.secure
        ? {}
        : {
            getSocket: (_: unknown, callback: (error: null, socket: { connection: Socket }) => void) =>
              callback(null, connectWithoutDelay(options.host, options.port)),
          }),
      // Without implicit TLS: STARTTLS is required when asked for (the production default), so a
      // stripped STARTTLS offer fails the send instead of sending in clear text.
      requireTLS: !options.secure && options.requireTls === true,
      // Local sinks (demo, tests, MailHog) speak plain SMTP; never try STARTTLS against them.
      ignoreTLS: !options.secure && options.requireTls !== true && isLoopbackHost(options.host),
      auth: options.user ? { user: options.user, pass: options.pass ?? '' } : undefined,
      // A hanging server must not block a worker for nodemailer's 10-minute default.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      // Our messages never reference files or URLs to embed.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    try {
      const info = await this.transporter.sendMail({
        messageId: email.messageId,
        from: this.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Base64, chosen here rather than by nodemailer scanning every text for it (and cheaper to encode).
        textEncoding: 'base64',
        headers: email.headers,
        attachments: email.attachments?.map(({ filename, contentType, content }) => ({
          filename,
          contentType,
          content,
        })),
      });
      return { messageId: info.messageId, response: info.response };
    } catch (error) {
      const code = responseCodeOf(error);
      if (code !== undefined && code >= 500 && code < 600) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PermanentDeliveryError(reason, code, { cause: error });
      }
      throw error;
    }
  }

  close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
