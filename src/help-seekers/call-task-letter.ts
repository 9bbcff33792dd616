import { escapeHtml } from '../common/html';
import type { EmailBlock, EmailContent } from '../web/emails/email-content';

export interface LetterAddress {
  name: string;
  streetAddress: string | null;
  postalCode: string;
  place: string;
}

function blockHtml(block: EmailBlock): string {
  const lines = (text: string) => escapeHtml(text.trim()).replace(/\r?\n/g, '<br>');
  switch (block.type) {
    case 'paragraph':
      return `<p>${lines(block.text)}</p>`;
    case 'subheading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'facts':
      return `<dl>${block.facts.map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${lines(fact.value)}</dd>`).join('')}</dl>`;
    case 'notice':
      return `<div class="notice">${block.paragraphs.map((text) => `<p>${lines(text)}</p>`).join('')}</div>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item.text)}</li>`).join('')}</ul>`;
    case 'actions':
      // A letter has nothing to click.
      return '';
  }
}

/**
 * The help-seeker's email as a printable letter (DIN A4, window envelope address field), for
 * people without email: the same words, large type, no links.
 */
export function renderLetterPage(content: EmailContent, address: LetterAddress, dateText: string): string {
  const addressLines = [address.name, address.streetAddress ?? '', `${address.postalCode} ${address.place}`]
    .filter((line) => line.trim() !== '')
    .map((line) => escapeHtml(line))
    .join('<br>');
  return `<!doctype html>
<html lang="${content.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(content.subject)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.5; color: #000; margin: 0; }
  main { max-width: 170mm; margin: 0 auto; padding: 10mm 8mm; }
  .sender { font-size: 9pt; border-bottom: 1px solid #000; display: inline-block; margin-bottom: 2mm; }
  .address { min-height: 40mm; }
  .date { text-align: right; margin: 8mm 0; }
  h1 { font-size: 18pt; margin: 0 0 6mm; }
  h2 { font-size: 15pt; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  .notice { border-left: 2mm solid #000; padding: 1mm 4mm; margin: 6mm 0; }
  .print { font-size: 11pt; background: #f3f6f9; padding: 2mm 4mm; margin: 0 0 6mm; }
  @page { size: A4; margin: 20mm 20mm 20mm 25mm; }
  @media print {
    .print { display: none; }
    main { padding: 0; max-width: none; }
    .address { position: relative; margin-top: 25mm; }
  }
</style>
</head>
<body><main>
<p class="print">${content.locale === 'de' ? 'Zum Drucken: Strg+P (Mac: ⌘+P). Dieser Hinweis wird nicht gedruckt.' : 'To print: Ctrl+P (Mac: ⌘+P). This note is not printed.'}</p>
<div class="sender">${escapeHtml(content.agency.name)}</div>
<div class="address">${addressLines}</div>
<p class="date">${escapeHtml(dateText)}</p>
<h1>${escapeHtml(content.heading)}</h1>
<p>${escapeHtml(content.greeting)}</p>
${content.blocks.map(blockHtml).join('\n')}
<p>${content.signOff.map((line) => escapeHtml(line)).join('<br>')}</p>
</main></body>
</html>`;
}
