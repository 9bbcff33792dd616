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
