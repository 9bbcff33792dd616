import { escapeHtml } from './escape-html';

/*
 * Every email is described once as a list of blocks; the HTML and the plain-text part are both
 * rendered from it, so they can never say different things. All escaping happens here.
 */

export type EmailLocale = 'de' | 'en';

/**
 * A volunteer may choose any public locale for their pages; emails exist in German and English
 * until they move into the catalogue, and until then read English for any other choice.
 */
export const emailLocaleOf = (locale: string): EmailLocale => (locale === 'de' ? 'de' : 'en');

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
  locale: EmailLocale;
  subject: string;
  heading: string;
  greeting: string;
  blocks: EmailBlock[];
  signOff: string[];
  agencyName?: string;
  /** Small links under the footer, e.g. "no more offers (unsubscribe)". */
  footerLinks?: EmailListItem[];
}

const FOOTER: Record<EmailLocale, string> = {
  de: 'Diese E-Mail wurde von nahbar gesendet.',
  en: 'This email was sent by nahbar.',
};

const COLOR = {
  text: '#1a1a1a',
  muted: '#404040',
  page: '#f2f2f2',
  card: '#ffffff',
  // White on this blue is about 8:1, above WCAG AAA for normal text.
  accent: '#0b4f8a',
  noticeBackground: '#fff8e1',
  noticeBorder: '#8a6d00',
  rule: '#d0d0d0',
} as const;

const FONT = 'Arial, Helvetica, sans-serif';

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'tel:', 'mailto:']);

/** Links come from our own code, but a bad one must fail loudly rather than reach an inbox. */
function assertSafeUrl(url: string): string {
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

function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

function htmlWithBreaks(value: string): string {
  return escapeHtml(normaliseNewlines(value)).replace(/\n/g, '<br>');
}

function paragraphHtml(inner: string, style = ''): string {
  return `<p style="margin:0 0 16px 0;${style}">${inner}</p>`;
}

function factHtml(fact: EmailFact): string {
  const value = htmlWithBreaks(fact.value);
  const linked = fact.href
    ? `<a href="${escapeHtml(assertSafeUrl(fact.href))}" style="color:${COLOR.accent};text-decoration:underline;">${value}</a>`
    : value;
  return paragraphHtml(`<strong>${escapeHtml(fact.label)}</strong><br>${linked}`);
}

function actionHtml(action: EmailAction): string {
  const primary = action.variant === 'primary';
  const style = [
    'display:block',
    'padding:14px 20px',
    'border-radius:6px',
    `border:2px solid ${COLOR.accent}`,
    `background-color:${primary ? COLOR.accent : COLOR.card}`,
    `color:${primary ? COLOR.card : COLOR.accent}`,
    `font-family:${FONT}`,
    'font-size:20px',
    'font-weight:bold',
    'line-height:1.3',
    'text-align:center',
    'text-decoration:none',
  ].join(';');
  return `<p style="margin:0 0 12px 0;"><a href="${escapeHtml(assertSafeUrl(action.url))}" style="${style}">${escapeHtml(action.label)}</a></p>`;
}

function linkHtml(text: string, url: string): string {
  return `<a href="${escapeHtml(assertSafeUrl(url))}" style="color:${COLOR.accent};text-decoration:underline;">${escapeHtml(text)}</a>`;
}

function blockHtml(block: EmailBlock): string {
  switch (block.type) {
    case 'paragraph':
      return paragraphHtml(htmlWithBreaks(block.text));
    case 'subheading':
      return `<h2 style="margin:24px 0 12px 0;font-family:${FONT};font-size:22px;line-height:1.3;color:${COLOR.text};">${escapeHtml(block.text)}</h2>`;
    case 'list':
      return `<ul style="margin:0 0 16px 0;padding-left:24px;">${block.items
        .map(
          (item) =>
            `<li style="margin:0 0 8px 0;">${item.url ? linkHtml(item.text, item.url) : escapeHtml(item.text)}</li>`,
        )
        .join('\n')}</ul>`;
    case 'facts':
      return block.facts.map(factHtml).join('\n');
    case 'actions':
      return `<div style="margin:8px 0 20px 0;">${block.actions.map(actionHtml).join('\n')}</div>`;
    case 'notice':
      return [
        `<div style="margin:0 0 16px 0;padding:16px;background-color:${COLOR.noticeBackground};border-left:6px solid ${COLOR.noticeBorder};">`,
        ...(block.title
          ? [paragraphHtml(`<strong>${escapeHtml(block.title)}</strong>`, 'margin-bottom:8px;')]
          : []),
        // The box's padding already spaces the last paragraph.
        ...block.paragraphs.map((text, i, all) =>
          paragraphHtml(htmlWithBreaks(text), i === all.length - 1 ? 'margin-bottom:0;' : ''),
        ),
        '</div>',
      ].join('\n');
  }
}

export function renderHtml(content: EmailContent): string {
  const footer = [content.agencyName, FOOTER[content.locale]]
    .filter((line): line is string => Boolean(line))
    .map((line) => escapeHtml(line))
    .join('<br>');
  const signOff = content.signOff.map((line) => escapeHtml(line)).join('<br>');
  const footerLinks = (content.footerLinks ?? [])
    .map((link) => (link.url ? linkHtml(link.text, link.url) : escapeHtml(link.text)))
    .join('<br>');
  return `<!DOCTYPE html>
<html lang="${content.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(oneLine(content.subject))}</title>
</head>
<body style="margin:0;padding:0;background-color:${COLOR.page};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLOR.page};">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:${COLOR.card};">
<tr><td style="padding:24px 20px;font-family:${FONT};font-size:18px;line-height:1.5;color:${COLOR.text};">
<h1 style="margin:0 0 20px 0;font-family:${FONT};font-size:26px;line-height:1.3;color:${COLOR.text};">${escapeHtml(content.heading)}</h1>
${paragraphHtml(escapeHtml(content.greeting))}
${content.blocks.map(blockHtml).join('\n')}
${signOff ? paragraphHtml(signOff) : ''}
<hr style="border:none;border-top:1px solid ${COLOR.rule};margin:24px 0 16px 0;">
<p style="margin:0;font-size:16px;line-height:1.5;color:${COLOR.muted};">${footer}</p>
${footerLinks ? `<p style="margin:12px 0 0 0;font-size:16px;line-height:1.5;color:${COLOR.muted};">${footerLinks}</p>` : ''}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
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
  const sections = [
    content.heading,
    content.greeting,
    ...content.blocks.map(blockText),
    content.signOff.join('\n'),
    // "-- " is the standard signature separator, which clients fold away.
    ['-- ', content.agencyName, FOOTER[content.locale]].filter(Boolean).join('\n'),
    (content.footerLinks ?? []).map(itemText).join('\n'),
  ].filter((section) => section !== undefined && section !== '');
  return `${sections.join('\n\n')}\n`;
}

export function renderLayout(content: EmailContent): RenderedEmail {
  return { subject: oneLine(content.subject), text: renderText(content), html: renderHtml(content) };
}

/** Unknown locales (old rows, typos) fall back to German rather than failing the send. */
export function textsFor<T>(texts: Readonly<Record<EmailLocale, T>>, locale: EmailLocale): T {
  return Object.hasOwn(texts, locale) ? texts[locale] : texts.de;
}
