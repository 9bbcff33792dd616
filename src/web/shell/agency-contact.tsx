import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';

/** `tel:` wants digits and a leading plus only. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * A phone number or address inside right-to-left text keeps its left-to-right order (without the
 * isolation an Arabic page shows "040 123" as "123 040"). Left-to-right pages get the value as is.
 */
export const isolateLtr = (t: Translator, value: string): string =>
  t.dir === 'rtl' ? `\u2066${value}\u2069` : value;

/** The agency's address block: every page, letter and email footer that a person may need to act on. */
export function AgencyContact({ t, agency }: { t: Translator; agency: AgencyProfile }) {
  return (
    <address class="agency-contact">
      <strong>{agency.name}</strong>
      <br />
      {agency.street}, {agency.postalCode} {agency.city}
      <br />
      <a href={telHref(agency.phone)}>
        {t.t('common.contact.phone', { phone: isolateLtr(t, agency.phone) })}
      </a>
      <br />
      <a href={`mailto:${agency.email}`}>
        {t.t('common.contact.email', { email: isolateLtr(t, agency.email) })}
      </a>
      <br />
      {t.t('common.contact.openingHours', { hours: agency.openingHours })}
    </address>
  );
}

/** "You can also call us: 040 …": every form offers the phone, with the number. */
export function CallUsHint({ t, agency }: { t: Translator; agency: AgencyProfile }) {
  return (
    <p class="note">
      <a href={telHref(agency.phone)}>
        {t.t('common.contact.callUs', { phone: isolateLtr(t, agency.phone) })}
      </a>
    </p>
  );
}
