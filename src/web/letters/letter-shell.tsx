import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { HtmlDocument } from '../shell/document';

/** DIN A4 with a window envelope's address field; large type, black on white; the hint is not printed. */
const LETTER_CSS = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.5; color: #000; background: #fff; margin: 0; }
  main { max-width: 170mm; margin: 0 auto; padding: 10mm 8mm; }
  .letterhead { text-align: end; font-size: 11pt; margin: 0 0 6mm; }
  .letterhead strong { font-size: 14pt; }
  .sender { font-size: 9pt; border-bottom: 1px solid #000; display: inline-block; margin: 0 0 2mm; }
  .address { min-height: 40mm; font-style: normal; }
  .date { text-align: end; margin: 8mm 0; }
  h1 { font-size: 18pt; margin: 0 0 6mm; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  .print { font-size: 11pt; background: #f3f6f9; padding: 2mm 4mm; margin: 0 0 6mm; }
  @page { size: A4; margin: 20mm 20mm 20mm 25mm; }
  @media print {
    .print { display: none; }
    main { padding: 0; max-width: none; }
    .address { position: relative; margin-top: 25mm; }
  }
`;

/**
 * A printed letter from the agency: its letterhead (name, address, phone, opening hours) from the
 * agency profile, the return address line above the window, no links and no navigation.
 */
export function LetterShell(props: {
  t: Translator;
  agency: AgencyProfile;
  title: string;
  recipientLines: string[];
  dateText: string;
  children: ComponentChildren;
}) {
  const { t, agency } = props;
  return (
    <HtmlDocument t={t} title={props.title} css={LETTER_CSS}>
      <main>
        <p class="print">{t.t('letters.printHint')}</p>
        <address class="letterhead" aria-label={t.t('letters.sender')}>
          <strong>{agency.name}</strong>
          <br />
          {agency.street}, {agency.postalCode} {agency.city}
          <br />
          {t.t('letters.phone', { phone: agency.phone })}
          <br />
          {t.t('letters.openingHours', { hours: agency.openingHours })}
        </address>
        <p class="sender">
          {t.t('letters.returnAddress', {
            name: agency.name,
            street: agency.street,
            postalCode: agency.postalCode,
            city: agency.city,
          })}
        </p>
        <address class="address" aria-label={t.t('letters.recipient')}>
          {props.recipientLines.map((line, index) => (
            <span key={index}>
              {index > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </address>
        <p class="date">{t.t('letters.date', { city: agency.city, date: props.dateText })}</p>
        {props.children}
      </main>
    </HtmlDocument>
  );
}
