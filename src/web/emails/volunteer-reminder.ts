import type { Translator } from '../../i18n';
import {
  present,
  signOff,
  telHref,
  type AgencyModel,
  type EmailContent,
  type EmailFact,
} from './email-content';

/** The day before: what, when, where and whom to call; the volunteer has accepted, so the address is fine. */
export interface VolunteerReminderModel extends AgencyModel {
  volunteerName: string;
  categoryLabel: string;
  whenText: string;
  streetAddress: string;
  postalCode: string;
  district: string;
  contactName: string;
  contactPhone: string | null;
}

export function volunteerReminderContent(t: Translator, m: VolunteerReminderModel): EmailContent {
  const facts: EmailFact[] = [
    { label: t.t('email.label.what'), value: m.categoryLabel },
    { label: t.t('email.label.when'), value: m.whenText },
    { label: t.t('email.label.address'), value: `${m.streetAddress}\n${m.postalCode} ${m.district}` },
    { label: t.t('email.label.contact'), value: m.contactName },
  ];
  if (present(m.contactPhone)) {
    facts.push({ label: t.t('email.label.phone'), value: m.contactPhone, href: telHref(m.contactPhone) });
  }
  return {
    t,
    locale: t.locale,
    subject: t.t('email.reminder.subject', { category: m.categoryLabel, district: m.district }),
    heading: t.t('email.reminder.heading'),
    greeting: t.t('email.greeting', { name: m.volunteerName }),
    blocks: [
      { type: 'paragraph', text: t.t('email.reminder.intro') },
      { type: 'facts', facts },
      { type: 'paragraph', text: t.t('email.reminder.cannotCome', { agency: m.agency.name }) },
    ],
    signOff: signOff(t, m.agency),
    agency: m.agency,
  };
}
