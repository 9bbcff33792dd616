/**
 * The seam between notification delivery and the outside world: the worker only knows this
 * interface, so tests and the demo can swap SMTP for anything that accepts a message.
 */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Set by the caller (e.g. `<notification-UUID@nahbar>`) so a resend is recognisable as the same mail. */
  messageId: string;
  headers?: Record<string, string>;
  /** E.g. the `.ics` calendar entry of a confirmation. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface SentEmail {
  messageId: string;
  /** The server's final reply, kept for the delivery log. */
  response: string;
}

export interface EmailTransport {
  send(email: OutgoingEmail): Promise<SentEmail>;
  close(): Promise<void>;
}

export const EMAIL_TRANSPORT = Symbol('EMAIL_TRANSPORT');

/**
 * The server refused the message for good (SMTP 5xx): retrying cannot help. Anything else a
 * transport throws is treated as temporary and may be retried.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function isPermanentDeliveryError(error: unknown): error is PermanentDeliveryError {
  return error instanceof PermanentDeliveryError;
}
