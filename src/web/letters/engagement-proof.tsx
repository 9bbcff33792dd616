import type { Translator } from '../../i18n';
import type { ProofData, ProofLine } from '../../hours/hours.service';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { HtmlDocument } from '../shell/document';

/** Hours as the reader's locale writes them: "1,5" in German, up to two decimals. */
export const hoursText = (t: Translator, minutes: number): string =>
  t.number(minutes / 60, { maximumFractionDigits: 2 });

/** A calendar date (YYYY-MM-DD) in the reader's locale. */
export const dayText = (t: Translator, day: string): string =>
  t.date(new Date(`${day}T12:00:00Z`), { dateStyle: 'medium' });

/** A4, black on white, the agency's letterhead at the top and a signature line at the bottom. */
const PROOF_CSS = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.5; color: #000; background: #fff; margin: 0; }
  main { max-width: 170mm; margin: 0 auto; padding: 10mm 8mm; }
  .letterhead { text-align: end; font-size: 10pt; font-style: normal; margin: 0 0 10mm; }
  .letterhead strong { font-size: 14pt; }
  h1 { font-size: 20pt; margin: 0 0 6mm; }
  table { border-collapse: collapse; width: 100%; margin: 4mm 0; }
  th, td { text-align: start; border-bottom: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; }
  td.num, th.num { text-align: end; }
  tfoot td { font-weight: bold; border-bottom: none; }
  .threshold { border: 1px solid #000; padding: 2mm 4mm; }
  .signature { margin-top: 25mm; display: flex; justify-content: space-between; gap: 10mm; }
  .signature p { border-top: 1px solid #000; padding-top: 1mm; min-width: 70mm; margin: 0; }
  .no-print { font-size: 11pt; background: #f3f6f9; padding: 2mm 4mm; margin: 0 0 6mm; }
  .no-print a { color: #0b4f8a; }
  a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
  @page { size: A4; margin: 20mm; }
  @media print { .no-print { display: none; } main { padding: 0; max-width: none; } }
`;

/**
 * The Engagementnachweis: what the volunteer did (help categories and districts, opportunities and
 * hosts; never a help-seeker's name or situation), how many approved hours, the card threshold
 * statement, signed by the agency. In the reader's language; German is always there.
 */
export function EngagementProofPage(props: {
  t: Translator;
  agency: AgencyProfile;
  proof: ProofData;
  /** The help category's label in the reader's language. */
  categoryLabel: (key: string) => string;
  today: string;
  /** Where "back" leads (the volunteer's hours page or the console profile). */
  backHref?: string;
}) {
  const { t, agency, proof } = props;
  const what = (line: ProofLine): string =>
    line.kind === 'general'
      ? t.t('proof.doc.general')
      : line.kind === 'match'
        ? t.t('proof.doc.neighbourly', { category: props.categoryLabel(line.what ?? '') })
        : (line.what ?? '');
  const where = (line: ProofLine): string =>
    line.kind === 'general'
      ? agency.name
      : line.kind === 'placement'
        ? [line.where, line.district].filter(Boolean).join(', ')
        : (line.district ?? '–');
  return (
    <HtmlDocument t={t} title={`${t.t('proof.doc.title')} – ${proof.volunteer.name}`} css={PROOF_CSS}>
      <main>
        <p class="no-print">
          {t.t('proof.doc.printHint')}
          {props.backHref ? (
            <>
              {' '}
              <a href={props.backHref}>{t.t('proof.doc.back')}</a>
            </>
          ) : null}
        </p>
        <address class="letterhead">
          <strong>{agency.name}</strong>
          <br />
          {agency.street}, {agency.postalCode} {agency.city}
          <br />
          {agency.phone} · {agency.email}
        </address>
        <h1>{t.t('proof.doc.title')}</h1>
        <p id="proof-intro">
          {t.t('proof.doc.intro', {
            name: proof.volunteer.name,
            from: dayText(t, proof.from),
            to: dayText(t, proof.to),
          })}
        </p>
        {proof.lines.length === 0 ? (
          <p>{t.t('proof.doc.none')}</p>
        ) : (
          <table id="proof-lines">
            <thead>
              <tr>
                <th scope="col">{t.t('proof.doc.what')}</th>
                <th scope="col">{t.t('proof.doc.where')}</th>
                <th scope="col" class="num">
                  {t.t('proof.doc.days')}
                </th>
                <th scope="col" class="num">
                  {t.t('proof.doc.hours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {proof.lines.map((line, index) => (
                <tr key={index}>
                  <td>{what(line)}</td>
                  <td>{where(line)}</td>
                  <td class="num">{t.number(line.days)}</td>
                  <td class="num">{hoursText(t, line.minutes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>{t.t('proof.doc.total')}</td>
                <td class="num" id="proof-total">
                  {hoursText(t, proof.approvedMinutes)}
                </td>
              </tr>
            </tfoot>
          </table>
        )}
        <p>{t.t('proof.doc.onlyApproved')}</p>
        {proof.thresholdMet === null ? null : (
          <p class="threshold" id="proof-threshold">
            {t.t(proof.thresholdMet ? 'proof.doc.thresholdMet' : 'proof.doc.thresholdNotMet', {
              card: proof.cardName,
              hours: t.number(proof.hoursPerYear),
            })}
          </p>
        )}
        <p>{t.t('proof.doc.thanks')}</p>
        <div class="signature">
          <p>{t.t('proof.doc.placeDate', { city: agency.city, date: dayText(t, props.today) })}</p>
          <p>
            {t.t('proof.doc.signature')}
            <br />
            {agency.name}
          </p>
        </div>
      </main>
    </HtmlDocument>
  );
}
