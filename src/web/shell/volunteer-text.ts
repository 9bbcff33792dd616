import type { Translator } from '../../i18n';

/**
 * What a volunteer may read about a request before they accept (offer email, digest, offer and
 * self-service pages): the short text staff approved (`volunteerSummary`), else a neutral text
 * from the category. Never the help-seeker's own description, which may hold health details.
 */
export function volunteerText(
  t: Pick<Translator, 't'>,
  request: { volunteerSummary: string | null },
  categoryLabel: string,
): string {
  const summary = request.volunteerSummary?.trim();
  return summary ? summary : t.t('email.requestEdit.neutralSummary', { category: categoryLabel });
}
