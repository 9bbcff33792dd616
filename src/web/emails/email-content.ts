import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';

/*
 * Every email is described once as a list of blocks; the HTML part (email-shell.tsx) and the
 * plain-text part (here) are both rendered from it, so they can never say different things.
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailFact {
  label: string;
  /** May span several lines (an address). */
  value: string;
  /** tel: or mailto: link, so a phone number can be tapped. */
  href?: string;
}

export interface EmailAction {
  label: string;
  url: string;
  variant: 'primary' | 'secondary';
}

export interface EmailListItem {
  text: string;
  url?: string;
}

export type EmailBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'subheading'; text: string }
  | { type: 'list'; items: EmailListItem[] }
  | { type: 'facts'; facts: EmailFact[] }
  | { type: 'actions'; actions: EmailAction[] }
  | { type: 'notice'; title?: string; paragraphs: string[] };

export interface EmailContent {
  /** The reader's language: texts, `lang`, `dir` and date formats. */
  t: Translator;
  /** The locale tag, for views that only need `lang` (the printable letter). */
  locale: string;
  subject: string;
  heading: string;
  greeting: string;
  blocks: EmailBlock[];
  signOff: string[];
  /** The sender's identity and contact data, in every footer. */
  agency: AgencyProfile;
  /** Small links under the footer, e.g. "no more offers (unsubscribe)". */
  footerLinks?: EmailListItem[];
}

/** Every email model names the agency it is sent for (AgencyProfileService.get()). */
export interface AgencyModel {
  agency: AgencyProfile;
}

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'tel:', 'mailto:']);

/** Links come from our own code, but a bad one must fail loudly rather than reach an inbox. */
export function assertSafeUrl(url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error(`Email link is not an absolute URL: ${url}`);
  }
  if (!SAFE_LINK_PROTOCOLS.has(protocol)) {
    throw new Error(`Email link has a disallowed protocol: ${url}`);
  }
  return url;
}

/** Header values must be one line. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Only the characters a dialler understands, so the number can be tapped on a phone. */
export function telHref(phone: string): string | undefined {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.length >= 3 ? `tel:${digits}` : undefined;
}

/** The longest address SMTP carries (RFC 5321 path limit less the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** Characters no plain address we link to holds (they would break out of the mailto: or be display syntax). */
export const MAILTO_FORBIDDEN = /[\s@<>"'(),;:]/;

/**
 * A mailto: link for a plain `local@domain.tld` address, else none. Length first, then one split
 * and single-class scans: linear in the input, unlike `^[^@]+@[^@]+\.[^@]+$`, which backtracks
 * quadratically on a long domain without a dot.
 */
export function mailtoHref(email: string): string | undefined {
  if (email.length > MAX_EMAIL_LENGTH) {
    return undefined;
  }
  const at = email.indexOf('@');
  if (at <= 0 || at !== email.lastIndexOf('@')) {
    return undefined;
  }
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  if (dot <= 0 || dot === domain.length - 1) {
    return undefined;
  }
  return MAILTO_FORBIDDEN.test(local) || MAILTO_FORBIDDEN.test(domain) ? undefined : `mailto:${email}`;
}

export function present(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

/** "Herzliche Grüße / Ihr Team von …", the same under every email to volunteers and help-seekers. */
export function signOff(t: Translator, agency: AgencyProfile): string[] {
  return [t.t('email.signOff.regards'), t.t('email.signOff.team', { agency: agency.name })];
}

/** The agency's contact lines, the same in the HTML footer and the plain-text signature. */
export function agencyFooterLines(t: Translator, agency: AgencyProfile): EmailFact[] {
  return [
    { label: agency.name, value: `${agency.street}, ${agency.postalCode} ${agency.city}` },
    { label: '', value: t.t('common.contact.phone', { phone: agency.phone }), href: telHref(agency.phone) },
    {
      label: '',
      value: t.t('common.contact.email', { email: agency.email }),
      href: mailtoHref(agency.email),
    },
    { label: '', value: t.t('common.contact.openingHours', { hours: agency.openingHours }) },
  ];
}

function factText(fact: EmailFact): string {
  const value = normaliseNewlines(fact.value);
  return value.includes('\n') ? `${fact.label}:\n${value}` : `${fact.label}: ${value}`;
}

function itemText(item: EmailListItem): string {
  return item.url ? `${item.text}:\n${assertSafeUrl(item.url)}` : item.text;
}

function blockText(block: EmailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return normaliseNewlines(block.text);
    case 'subheading':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${itemText(item)}`).join('\n');
    case 'facts':
      return block.facts.map(factText).join('\n');
    case 'actions':
      // Full URLs on their own line so every mail client makes them clickable.
      return block.actions.map((action) => `${action.label}:\n${assertSafeUrl(action.url)}`).join('\n\n');
    case 'notice':
      return [block.title, ...block.paragraphs.map(normaliseNewlines)].filter(Boolean).join('\n');
  }
}

export function renderText(content: EmailContent): string {
  const { t, agency } = content;
  const footer = agencyFooterLines(t, agency).map((line) =>
    line.label ? `${line.label}\n${line.value}` : line.value,
  );
  const sections = [
    content.heading,
    content.greeting,
    ...content.blocks.map(blockText),
    content.signOff.join('\n'),
    // "-- " is the standard signature separator, which clients fold away.
    ['-- ', ...footer, t.t('email.footer.sentBy')].join('\n'),
    (content.footerLinks ?? []).map(itemText).join('\n'),
  ].filter((section) => section !== '');
  return `${sections.join('\n\n')}\n`;
}
