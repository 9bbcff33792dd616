import type { Translator } from '../../i18n';

export type LetterSalutation = 'frau' | 'herr' | 'none';

/**
 * The letter's opening line in the letter's language: "Sehr geehrte Frau Petersen,", "Sehr
 * geehrter Herr Petersen," or, without a salutation, "Guten Tag Kim Petersen,". The surname is
 * taken as the last word of the name: good enough for the letters we print ("Kim Petersen",
 * "Anna-Lena von Berg" gives "Berg"; staff choose 'none' where that reads wrong).
 */
export function letterSalutation(
  t: Pick<Translator, 't'>,
  salutation: LetterSalutation,
  name: string,
): string {
  const full = name.trim().replace(/\s+/g, ' ');
  const surname = full.split(' ').at(-1) ?? full;
  if (salutation === 'frau') {
    return t.t('letters.salutation.frau', { surname });
  }
  if (salutation === 'herr') {
    return t.t('letters.salutation.herr', { surname });
  }
  return t.t('letters.greeting', { name: full });
}

/** The recipient's first address line: "Frau Kim Petersen", or just the name without a salutation. */
export function recipientName(t: Pick<Translator, 't'>, salutation: LetterSalutation, name: string): string {
  const title = {
    frau: t.t('letters.recipientLine.frau'),
    herr: t.t('letters.recipientLine.herr'),
    none: '',
  }[salutation];
  return title ? `${title} ${name.trim()}` : name.trim();
}
