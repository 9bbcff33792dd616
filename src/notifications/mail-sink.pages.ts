import type { SinkMessage, SinkMessageSummary } from './mail-sink';
import { escapeHtml } from '../common/html';

/* Pure page rendering for the demo mailbox; the controller only fetches data and returns these. */

const BASE_PATH = '/demo/mail';

const STYLE = `
body { margin: 0; background: #ffffff; color: #1a1a1a; font-family: Arial, Helvetica, sans-serif; font-size: 18px; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.3; }
h2 { font-size: 1.3rem; margin-top: 2rem; }
a { color: #0b4f8a; }
a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #b0b0b0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
iframe { width: 100%; height: 75vh; border: 2px solid #767676; background: #ffffff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f2f2; padding: 1rem; font-size: 16px; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – nahbar Demo</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function formatDate(date: Date): string {
  return date.toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

function timeElement(date: Date): string {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(formatDate(date))}</time>`;
}

function subjectOrPlaceholder(subject: string): string {
  return subject.trim() === '' ? '(ohne Betreff)' : subject;
}

function messageHref(id: string): string {
  return `${BASE_PATH}/${encodeURIComponent(id)}`;
}

export function renderMailboxPage(messages: readonly SinkMessageSummary[]): string {
  const intro =
    '<p>Hier sehen Sie die E-Mails, die nahbar im Demo-Betrieb verschickt hätte. Nichts davon wurde wirklich zugestellt.</p>';
  if (messages.length === 0) {
    return page('Demo-Postfach', `<h1>Demo-Postfach</h1>\n${intro}\n<p>Noch keine E-Mails vorhanden.</p>`);
  }
  const rows = messages
    .map(
      (message) => `<tr>
<td>${timeElement(message.date)}</td>
<td>${escapeHtml(message.to)}</td>
<td><a href="${escapeHtml(messageHref(message.id))}">${escapeHtml(subjectOrPlaceholder(message.subject))}</a></td>
</tr>`,
    )
    .join('\n');
  return page(
    'Demo-Postfach',
    `<h1>Demo-Postfach</h1>
${intro}
<table>
<caption>${messages.length} ${messages.length === 1 ? 'E-Mail' : 'E-Mails'}, die neueste zuerst</caption>
<thead><tr><th scope="col">Empfangen</th><th scope="col">An</th><th scope="col">Betreff</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

/** Links in the mail open in a new tab so the mailbox stays where it is. */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`)
    : `${base}${html}`;
}

export function renderMessagePage(message: SinkMessage): string {
  const { summary } = message;
  const subject = subjectOrPlaceholder(summary.subject);
  const headers: Array<[string, string]> = [
    ['Von', summary.from],
    ['An', summary.to],
    ['Betreff', subject],
  ];
  if (summary.messageId) {
    headers.push(['Message-ID', summary.messageId]);
  }
  const headerList = [
    `<dt>Datum</dt><dd>${timeElement(summary.date)}</dd>`,
    ...headers.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`),
  ].join('\n');

  // No allow-scripts and no allow-same-origin: the mail's HTML can show links but run nothing.
  const htmlPart =
    message.html === null
      ? '<p>Diese E-Mail hat keine HTML-Fassung.</p>'
      : `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML-Fassung der E-Mail" srcdoc="${escapeHtml(withLinksInNewTab(message.html))}"></iframe>`;
  const textPart =
    message.text === null
      ? '<p>Diese E-Mail hat keine Textfassung.</p>'
      : `<pre>${escapeHtml(message.text)}</pre>`;

  return page(
    subject,
    `<p><a href="${BASE_PATH}">← Zurück zum Demo-Postfach</a></p>
<h1>${escapeHtml(subject)}</h1>
<dl>
${headerList}
</dl>
<h2>HTML-Fassung</h2>
${htmlPart}
<h2>Textfassung</h2>
${textPart}`,
  );
}

export function renderMessageNotFoundPage(): string {
  return page(
    'E-Mail nicht gefunden',
    `<h1>E-Mail nicht gefunden</h1>
<p>Diese E-Mail gibt es nicht (mehr) im Demo-Postfach.</p>
<p><a href="${BASE_PATH}">← Zurück zum Demo-Postfach</a></p>`,
  );
}
