import { escapeHtml, htmlPage } from '../common/html';
import type { OfferAction } from '../shared/offer-links';
import type { OfferResponseOutcome } from './match-decisions.service';

type Locale = 'de' | 'en';

export interface OfferSummary {
  category: string;
  district: string;
  when: string;
}

const TEXT = {
  de: {
    what: 'Was',
    where: 'Stadtteil',
    when: 'Wann',
    confirmAccept: 'Möchten Sie diese Anfrage übernehmen?',
    confirmDecline: 'Möchten Sie diese Anfrage ablehnen?',
    accept: 'Ja, ich übernehme',
    decline: 'Nein, diesmal nicht',
    why: 'Erst mit dem Klick auf den Knopf wird Ihre Antwort gespeichert.',
    accepted: 'Vielen Dank für Ihre Zusage!',
    acceptedBody:
      'Sie erhalten gleich eine E-Mail mit der Adresse und der Kontaktperson. Die Agentur ist informiert.',
    declined: 'Danke für Ihre Rückmeldung.',
    declinedBody:
      'Wir haben Ihre Absage gespeichert und fragen jemand anderen. Vielleicht passt es beim nächsten Mal.',
    answered: 'Diese Anfrage haben Sie bereits beantwortet.',
    answeredBody: 'Ihre Antwort ist gespeichert; Sie müssen nichts weiter tun.',
    closed: 'Diese Anfrage ist nicht mehr offen.',
    closedBody:
      'Die Agentur hat die Anfrage inzwischen anders vergeben oder beendet. Danke, dass Sie helfen wollten!',
    expired: 'Dieser Link ist abgelaufen.',
    expiredBody:
      'Die Antwortfrist ist vorbei. Wenn Sie noch helfen möchten, melden Sie sich bitte bei der Agentur.',
    invalid: 'Dieser Link ist ungültig.',
    invalidBody: 'Bitte öffnen Sie den Link direkt aus der E-Mail oder melden Sie sich bei der Agentur.',
  },
  en: {
    what: 'What',
    where: 'District',
    when: 'When',
    confirmAccept: 'Would you like to take on this request?',
    confirmDecline: 'Would you like to decline this request?',
    accept: 'Yes, I will help',
    decline: 'No, not this time',
    why: 'Your answer is only saved when you press the button.',
    accepted: 'Thank you for saying yes!',
    acceptedBody:
      'You will shortly receive an email with the address and the contact person. The agency has been told.',
    declined: 'Thank you for letting us know.',
    declinedBody: 'We have saved your answer and will ask someone else. Perhaps next time.',
    answered: 'You have already answered this request.',
    answeredBody: 'Your answer is saved; there is nothing more to do.',
    closed: 'This request is no longer open.',
    closedBody: 'The agency has meanwhile arranged or closed it. Thank you for wanting to help!',
    expired: 'This link has expired.',
    expiredBody: 'The time to answer is over. If you would still like to help, please contact the agency.',
    invalid: 'This link is not valid.',
    invalidBody: 'Please open the link straight from the email, or contact the agency.',
  },
} as const;

function summaryList(locale: Locale, offer: OfferSummary): string {
  const t = TEXT[locale];
  return `<dl>
  <dt>${t.what}</dt><dd>${escapeHtml(offer.category)}</dd>
  <dt>${t.where}</dt><dd>${escapeHtml(offer.district)}</dd>
  <dt>${t.when}</dt><dd>${escapeHtml(offer.when)}</dd>
</dl>`;
}

/** The page behind the email link: it shows the offer and asks; only its form's POST changes anything. */
export function confirmationPage(
  locale: Locale,
  action: OfferAction,
  offer: OfferSummary,
  postPath: string,
): string {
  const t = TEXT[locale];
  const question = action === 'accept' ? t.confirmAccept : t.confirmDecline;
  return htmlPage({
    lang: locale,
    title: question,
    body: `<h1>${question}</h1>
${summaryList(locale, offer)}
<form method="post" action="${escapeHtml(postPath)}">
  <button type="submit" class="${action === 'accept' ? '' : 'secondary'}">${action === 'accept' ? t.accept : t.decline}</button>
</form>
<p class="note">${t.why}</p>`,
  });
}

export type OutcomePageKind = OfferResponseOutcome | 'invalid';

export function outcomePage(locale: Locale, outcome: OutcomePageKind): string {
  const t = TEXT[locale];
  const [title, body] = {
    accepted: [t.accepted, t.acceptedBody],
    declined: [t.declined, t.declinedBody],
    'already-answered': [t.answered, t.answeredBody],
    'no-longer-open': [t.closed, t.closedBody],
    expired: [t.expired, t.expiredBody],
    invalid: [t.invalid, t.invalidBody],
  }[outcome];
  return htmlPage({ lang: locale, title, body: `<h1>${title}</h1>\n<p>${body}</p>` });
}
