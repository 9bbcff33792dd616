import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import type { EmailModels } from './render-email';

/*
 * Sample data for every email, used by the staff preview endpoint and the template specs: made-up
 * people and places only.
 */

const EXAMPLE = 'https://nahbar.example';

export const SAMPLE_AGENCY: AgencyProfile = {
  name: 'Altonavi',
  street: 'Beispielweg 3',
  postalCode: '22765',
  city: 'Hamburg',
  phone: '040 987 654 32',
  email: 'kontakt@altonavi.example',
  openingHours: 'Mo–Do 10–16 Uhr',
  imprint: 'Altonavi e. V., Beispielweg 3, 22765 Hamburg',
  accessibilityStatement: 'Wir möchten, dass alle Menschen diese Seiten nutzen können.',
};

export const SAMPLE_MODELS: EmailModels = {
  'volunteer-offer': {
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    description: 'Einkauf im Supermarkt um die Ecke, etwa eine Stunde.',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    acceptUrl: `${EXAMPLE}/offers/accept?token=abc&sig=1`,
    declineUrl: `${EXAMPLE}/offers/decline?token=abc&sig=2`,
    expiresText: 'Fr, 20.11.2026, 18 Uhr',
    agency: SAMPLE_AGENCY,
    unsubscribeUrl: `${EXAMPLE}/unsubscribe/sample`,
    preferencesUrl: `${EXAMPLE}/preferences/sample`,
  },
  'volunteer-offer-digest': {
    volunteerName: 'Anna Schulz',
    agency: SAMPLE_AGENCY,
    unsubscribeUrl: `${EXAMPLE}/unsubscribe/sample`,
    preferencesUrl: `${EXAMPLE}/preferences/sample`,
    offers: [
      {
        categoryLabel: 'Einkaufshilfe',
        description: 'Einkauf im Supermarkt um die Ecke, etwa eine Stunde.',
        district: 'Ottensen',
        whenText: 'Di, 24.11.2026, 9–12 Uhr',
        acceptUrl: `${EXAMPLE}/offers/accept-1`,
        declineUrl: `${EXAMPLE}/offers/decline-1`,
        expiresText: 'Fr, 20.11.2026, 18 Uhr',
      },
      {
        categoryLabel: 'Spaziergang',
        description: 'Spaziergang an der Elbe mit Rollator.',
        district: 'Othmarschen',
        whenText: 'Do, 26.11.2026, 14–15:30 Uhr',
        acceptUrl: `${EXAMPLE}/offers/accept-2`,
        declineUrl: `${EXAMPLE}/offers/decline-2`,
        expiresText: 'Sa, 21.11.2026, 18 Uhr',
      },
    ],
  },
  'volunteer-confirmation': {
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    streetAddress: 'Musterstraße 12',
    postalCode: '22765',
    district: 'Ottensen',
    contactName: 'Erika Meyer',
    contactPhone: '040 123 456',
    contactEmail: 'erika@example.org',
    agency: SAMPLE_AGENCY,
    hasCalendarFile: true,
    privacyNote: 'Altonavi verarbeitet Ihre Daten nur für die Vermittlung.',
    dropOutUrl: `${EXAMPLE}/drop-outs/sample`,
  },
  'volunteer-reminder': {
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    streetAddress: 'Musterstraße 12',
    postalCode: '22765',
    district: 'Ottensen',
    contactName: 'Erika Meyer',
    contactPhone: '040 123 456',
    agency: SAMPLE_AGENCY,
  },
  'volunteer-follow-up': {
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    wentWellUrl: `${EXAMPLE}/follow-ups/went-well`,
    problemsUrl: `${EXAMPLE}/follow-ups/problems`,
    didNotHappenUrl: `${EXAMPLE}/follow-ups/did-not-happen`,
    agency: SAMPLE_AGENCY,
  },
  'volunteer-offer-withdrawn': {
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    reason: 'request-closed',
    agency: SAMPLE_AGENCY,
  },
  'volunteer-email-confirmation': {
    volunteerName: 'Anna Schulz',
    confirmUrl: `${EXAMPLE}/email-confirmations/sample`,
    expiresText: 'Sa, 28.11.2026, 12:00',
    agency: SAMPLE_AGENCY,
  },
  'volunteer-self-service-link': {
    volunteerName: 'Anna Schulz',
    url: `${EXAMPLE}/preferences/sample`,
    expiresText: 'Sa, 28.11.2026, 12:00',
    agency: SAMPLE_AGENCY,
  },
  'volunteer-retention-check': {
    volunteerName: 'Anna Schulz',
    stayUrl: `${EXAMPLE}/retention/sample`,
    deadlineText: 'Sa, 28.11.2026',
    agency: SAMPLE_AGENCY,
  },
  'help-seeker-confirmation': {
    helpSeekerName: 'Erika Meyer',
    volunteerName: 'Anna Schulz',
    categoryLabel: 'Einkaufshilfe',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    agency: SAMPLE_AGENCY,
  },
  'staff-offer-accepted': {
    volunteerName: 'Anna Schulz',
    requestCategoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    requestUrl: `${EXAMPLE}/console/requests/42`,
    agency: SAMPLE_AGENCY,
  },
  'staff-offer-declined': {
    volunteerName: 'Anna Schulz',
    requestCategoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    requestUrl: `${EXAMPLE}/console/requests/42`,
    agency: SAMPLE_AGENCY,
  },
  'staff-offer-expired': {
    volunteerName: 'Anna Schulz',
    requestCategoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    requestUrl: `${EXAMPLE}/console/requests/42`,
    agency: SAMPLE_AGENCY,
  },
  'staff-offer-withdrawn': {
    volunteerName: 'Anna Schulz',
    requestCategoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    requestUrl: `${EXAMPLE}/console/requests/42`,
    agency: SAMPLE_AGENCY,
  },
  'staff-assignment-cancelled': {
    volunteerName: 'Anna Schulz',
    requestCategoryLabel: 'Einkaufshilfe',
    district: 'Ottensen',
    whenText: 'Di, 24.11.2026, 9–12 Uhr',
    requestUrl: `${EXAMPLE}/console/requests/42`,
    agency: SAMPLE_AGENCY,
  },
  'volunteer-welcome': {
    volunteerName: 'Anna Schulz',
    preferencesUrl: `${EXAMPLE}/preferences/sample`,
    agency: SAMPLE_AGENCY,
  },
  'volunteer-deactivated': {
    volunteerName: 'Anna Schulz',
    agency: SAMPLE_AGENCY,
  },
  'staff-password-reset': {
    staffName: 'Anna Schulz',
    url: `${EXAMPLE}/console/password-reset/Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9v`,
    expiresText: '21.11.2026, 10:15',
    agency: SAMPLE_AGENCY,
  },
  'staff-daily-digest': {
    day: new Date('2026-11-21T06:00:00Z'),
    agency: SAMPLE_AGENCY,
    sections: {
      escalated: [],
      inReview: [],
      proposalsReady: [
        { text: 'Einkaufshilfe in Ottensen (3 Vorschläge)', url: `${EXAMPLE}/console/requests/42` },
      ],
      noEligible: [
        { text: 'Sprachbegleitung (Arabisch) in Bahrenfeld', url: `${EXAMPLE}/console/requests/43` },
      ],
      declined: [{ text: 'Anna Schulz – Spaziergang in Othmarschen', url: `${EXAMPLE}/console/requests/44` }],
      expired: [],
      callTasks: [
        {
          text: 'Einkaufshilfe in Ottensen – Zusage von Anna Schulz mitteilen',
          url: `${EXAMPLE}/console/requests/44`,
        },
      ],
      followUps: [
        {
          text: 'Anna Schulz – „hat nicht stattgefunden“ (Einkaufshilfe in Ottensen)',
          url: `${EXAMPLE}/console/requests/42`,
        },
      ],
      undeliverable: [],
      unconfirmed: [{ text: 'Jonas Beispiel (seit 5 Tagen)', url: `${EXAMPLE}/console/volunteers/7` }],
    },
  },
};
