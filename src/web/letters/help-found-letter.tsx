import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { LetterShell } from './letter-shell';
import { letterSalutation, recipientName, type LetterSalutation } from './salutation';

export interface HelpFoundLetterModel {
  recipient: { name: string; streetAddress: string | null; postalCode: string; place: string };
  salutation: LetterSalutation;
  volunteerName: string;
  categoryText: string;
  whenText: string;
  dateText: string;
}

/** "We have found help for you", on paper, for help-seekers without email. */
export function HelpFoundLetter({
  t,
  agency,
  m,
}: {
  t: Translator;
  agency: AgencyProfile;
  m: HelpFoundLetterModel;
}) {
  const recipientLines = [
    recipientName(t, m.salutation, m.recipient.name),
    m.recipient.streetAddress ?? '',
    `${m.recipient.postalCode} ${m.recipient.place}`,
  ].filter((line) => line.trim() !== '');
  const heading = t.t('letters.heading');
  return (
    <LetterShell t={t} agency={agency} title={heading} recipientLines={recipientLines} dateText={m.dateText}>
      <h1>{heading}</h1>
      <p>{letterSalutation(t, m.salutation, m.recipient.name)}</p>
      <p>{t.t('letters.intro')}</p>
      <dl>
        <dt>{t.t('letters.what')}</dt>
        <dd>{m.categoryText}</dd>
        <dt>{t.t('letters.when')}</dt>
        <dd>{m.whenText}</dd>
        <dt>{t.t('letters.who')}</dt>
        <dd>{m.volunteerName}</dd>
      </dl>
      <p>{t.t('letters.door', { volunteer: m.volunteerName, phone: agency.phone })}</p>
      <p>
        {t.t('letters.signOff')}
        <br />
        {t.t('letters.team', { agency: agency.name })}
      </p>
    </LetterShell>
  );
}
