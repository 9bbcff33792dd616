import type { ParsedMail } from 'mailparser';

/** The first recipient's address of a parsed message. */
export const recipientOf = (mail: ParsedMail): string =>
  (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';

/** The accept and decline links of an offer email, read from its plain-text part. */
export function offerLinks(mail: ParsedMail): { accept: string; decline: string } {
  const links = [...(mail.text ?? '').matchAll(/https?:\/\/\S+\/offers\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
  const accept = links.find((link) => link.includes('.accept.'));
  const decline = links.find((link) => link.includes('.decline.'));
  if (!accept || !decline) {
    throw new Error(`offer mail lacks its links:\n${mail.text}`);
  }
  return { accept, decline };
}

/** Messages the server accepted for one address. */
export const messagesTo = (messages: ParsedMail[], address: string): ParsedMail[] =>
  messages.filter((mail) => recipientOf(mail) === address.toLowerCase());

/** Distinct Message-IDs the server saw for one address: a resend would show up as a repeat. */
export function messageIdsTo(messages: ParsedMail[], address: string): string[] {
  return messagesTo(messages, address).map((mail) => mail.messageId ?? '');
}

/** Every link in the plain-text part under the given path, e.g. `/follow-ups/`. */
export function linksIn(mail: ParsedMail, path: string): string[] {
  const escaped = path.replace(/[/.]/g, (c) => `\\${c}`);
  return [...(mail.text ?? '').matchAll(new RegExp(`https?://\\S+${escaped}[A-Za-z0-9._-]+`, 'g'))].map(
    (m) => m[0],
  );
}

/** A header's raw value, unfolded (mailparser turns List-* headers into objects, so read the raw line). */
export function headerText(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
