import type { Response } from 'express';
import { escapeHtml, htmlPage } from './html';

/*
 * The pages behind links in emails. GET (and HEAD) only ever show a page with a form, because mail
 * scanners and link previews open links; the form's POST is what changes something.
 */

export type PageLocale = 'de' | 'en';

export function confirmFormPage(options: {
  lang: PageLocale;
  title: string;
  paragraphs: string[];
  postPath: string;
  button: string;
  note: string;
}): string {
  return htmlPage({
    lang: options.lang,
    title: options.title,
    body: `<h1>${escapeHtml(options.title)}</h1>
${options.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}
<form method="post" action="${escapeHtml(options.postPath)}">
  <button type="submit">${escapeHtml(options.button)}</button>
</form>
<p class="note">${escapeHtml(options.note)}</p>`,
  });
}

export function messagePage(lang: PageLocale, title: string, body: string): string {
  return htmlPage({ lang, title, body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(body)}</p>` });
}

export const INVALID_LINK = {
  de: [
    'Dieser Link ist ungültig oder abgelaufen.',
    'Bitte öffnen Sie den Link direkt aus der E-Mail oder melden Sie sich bei der Agentur.',
  ],
  en: [
    'This link is not valid or has expired.',
    'Please open the link straight from the email, or contact the agency.',
  ],
} as const;

export const SAVED_ONLY_ON_PRESS = {
  de: 'Erst mit dem Klick auf den Knopf wird etwas gespeichert.',
  en: 'Nothing is saved until you press the button.',
} as const;

/** Pages from links are personal: never cached, never leaking the token as a referrer. */
export function sendPage(response: Response, status: number, html: string): void {
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    })
    .send(html);
}
