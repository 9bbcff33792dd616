import { checkEligibility, type EligibilityResult } from './eligibility';
import { aContext, aRequest, aVolunteer, kmNorthOf, REQUEST_LOCATION, withPolicy } from './test-fixtures';
import {
  EXCLUSION_REASONS,
  PRIOR_ASK_OUTCOMES,
  type CandidateVolunteer,
  type ExclusionReason,
  type MatchableRequest,
} from './types';

const reasonOf = (result: EligibilityResult): ExclusionReason | 'eligible' =>
  result.eligible ? 'eligible' : result.reason;

const check = (
  volunteer: Partial<CandidateVolunteer>,
  request: Partial<MatchableRequest> = {},
  now = '2026-03-10T10:00:00Z',
): ExclusionReason | 'eligible' =>
  reasonOf(checkEligibility(aRequest(request), aVolunteer(volunteer), aContext({ now: new Date(now) })));

const explain = (volunteer: Partial<CandidateVolunteer>, request: Partial<MatchableRequest> = {}) => {
  const result = checkEligibility(aRequest(request), aVolunteer(volunteer), aContext());
  return result.eligible ? null : result.explanation;
};

/** One situation per row, each a single change to the eligible baseline. */
const EXCLUDING: [string, Partial<CandidateVolunteer>, Partial<MatchableRequest>, ExclusionReason][] = [
  ['a pending volunteer', { status: 'pending' }, {}, 'not-active'],
  ['a paused volunteer', { status: 'paused' }, {}, 'not-active'],
  ['an inactive volunteer', { status: 'inactive' }, {}, 'not-active'],
  ['a volunteer whose email is not confirmed', { emailConfirmed: false }, {}, 'not-active'],
  ['a volunteer away until today', { awayUntil: '2026-03-10' }, {}, 'away'],
  ['a volunteer away until next month', { awayUntil: '2026-04-30' }, {}, 'away'],
  ['a volunteer blocked for this help-seeker', { blockedForThisRequest: true }, {}, 'blocked'],
  ['a volunteer who declined this request', { askedForThisRequest: 'declined' }, {}, 'already-asked'],
  ['a volunteer whose offer was withdrawn', { askedForThisRequest: 'withdrawn' }, {}, 'already-asked'],
  ['a volunteer whose offer expired', { askedForThisRequest: 'expired' }, {}, 'already-asked'],
  [
    'a 17-year-old where 18 is the minimum',
    { birthDate: '2008-03-11' },
    { minimumAge: 18 },
    'under-minimum-age',
  ],
  [
    'a volunteer without birth date where 18 is the minimum',
    { birthDate: null },
    { minimumAge: 18 },
    'under-minimum-age',
  ],
  [
    'a volunteer with an unreadable birth date',
    { birthDate: '01.05.1980' },
    { minimumAge: 18 },
    'under-minimum-age',
  ],
  [
    'a volunteer without the needed language',
    { languages: [{ code: 'ar', level: 'native' }] },
    {},
    'language-missing',
  ],
  ['a volunteer without any language', { languages: [] }, {}, 'language-missing'],
  [
    'a volunteer speaking Sorani where Kurmanji is needed',
    { languages: [{ code: 'ckb', level: 'native' }] },
    { neededLanguage: 'kmr' },
    'language-missing',
  ],
  ['a volunteer without inspected certificate', { certificateInspectedOn: null }, {}, 'certificate-missing'],
  [
    'a volunteer with an unreadable inspection date',
    { certificateInspectedOn: '15.01.2024' },
    {},
    'certificate-missing',
  ],
  [
    'a volunteer whose certificate was inspected more than 5 years ago',
    { certificateInspectedOn: '2021-03-09' },
    {},
    'certificate-expired',
  ],
  [
    'a volunteer living 5.1 km away with a 5 km radius',
    { home: kmNorthOf(REQUEST_LOCATION, 5.1) },
    {},
    'outside-radius',
  ],
  ['a volunteer with a radius of 0 km', { maxTravelKm: 0 }, {}, 'outside-radius'],
  ['a volunteer with no availability', { availability: [] }, {}, 'not-available'],
  [
    'a volunteer free on another weekday only',
    { availability: [{ weekday: 3, start: '08:00', end: '13:00' }] },
    {},
    'not-available',
  ],
  [
    'a volunteer free for part of the time',
    { availability: [{ weekday: 2, start: '10:00', end: '13:00' }] },
    {},
    'not-available',
  ],
  [
    'a volunteer with all open assignments taken',
    { openAssignments: 2, maxOpenAssignments: 2 },
    {},
    'at-capacity',
  ],
  ['a volunteer over capacity', { openAssignments: 3, maxOpenAssignments: 2 }, {}, 'at-capacity'],
  ['a volunteer taking no assignments', { openAssignments: 0, maxOpenAssignments: 0 }, {}, 'at-capacity'],
  ['a volunteer with a non-numeric capacity', { maxOpenAssignments: Number.NaN }, {}, 'at-capacity'],
  [
    'a volunteer with 3 offers this week and a cap of 3',
    { offersLast7Days: 3, maxOffersPerWeek: 3 },
    {},
    'weekly-offer-cap',
  ],
  ['a volunteer over the weekly cap', { offersLast7Days: 5, maxOffersPerWeek: 3 }, {}, 'weekly-offer-cap'],
  [
    'a volunteer already helping someone on Tuesdays 10–11',
    { busySchedules: [{ kind: 'weekly', slots: [{ weekday: 2, start: '10:00', end: '11:00' }] }] },
    {},
    'double-booked',
  ],
  ['a volunteer wanting no offers', { offersLast7Days: 0, maxOffersPerWeek: 0 }, {}, 'weekly-offer-cap'],
];

const ACCEPTED: [string, Partial<CandidateVolunteer>, Partial<MatchableRequest>][] = [
  ['a volunteer speaking the needed language at any level', { languages: [{ code: 'tr', level: 'A1' }] }, {}],
  ['a volunteer without languages when none is needed', { languages: [] }, { neededLanguage: null }],
  [
    'a volunteer without certificate when none is required',
    { certificateInspectedOn: null },
    { requiresCertificate: false },
  ],
  [
    'a volunteer with an old certificate when none is required',
    { certificateInspectedOn: '2001-01-01' },
    { requiresCertificate: false },
  ],
  [
    'a volunteer whose certificate was inspected exactly 5 years ago',
    { certificateInspectedOn: '2021-03-10' },
    {},
  ],
  ['a volunteer living 4.9 km away with a 5 km radius', { home: kmNorthOf(REQUEST_LOCATION, 4.9) }, {}],
  [
    'a volunteer whose two adjacent slots cover the time together',
    {
      availability: [
        { weekday: 2, start: '09:00', end: '10:30' },
        { weekday: 2, start: '10:30', end: '12:00' },
      ],
    },
    {},
  ],
  ['a volunteer with one of two assignments open', { openAssignments: 1, maxOpenAssignments: 2 }, {}],
  ['a volunteer back since yesterday', { awayUntil: '2026-03-09' }, {}],
  ['a volunteer with an unreadable return date', { awayUntil: 'bald' }, {}],
  ['a volunteer turning 18 today', { birthDate: '2008-03-10' }, { minimumAge: 18 }],
  ['a volunteer without birth date when no minimum age applies', { birthDate: null }, { minimumAge: null }],
  ['a 16-year-old when no minimum age applies', { birthDate: '2010-01-01' }, {}],
  ['a volunteer with 2 offers this week and a cap of 3', { offersLast7Days: 2, maxOffersPerWeek: 3 }, {}],
  [
    'a volunteer with open assignments and offers below both limits',
    { openAssignments: 1, offersLast7Days: 2 },
    {},
  ],
];

describe('checkEligibility', () => {
  it('should find the baseline volunteer eligible, 1 km away', () => {
    const result = checkEligibility(aRequest(), aVolunteer(), aContext());
    expect(result.eligible).toBe(true);
    expect(result.eligible && result.distanceKm).toBeCloseTo(1, 9);
  });

  describe('each hard rule', () => {
    it.each(EXCLUDING)('should exclude %s', (_, volunteer, request, reason) => {
      expect(check(volunteer, request)).toBe(reason);
    });

    it('should have a situation for every reason', () => {
      expect(new Set(EXCLUDING.map(([, , , reason]) => reason))).toEqual(new Set(EXCLUSION_REASONS));
    });

    it.each(ACCEPTED)('should accept %s', (_, volunteer, request) => {
      expect(check(volunteer, request)).toBe('eligible');
    });
  });

  it('should report the rules in a fixed order, the first failing one winning', () => {
    const failingEverything: CandidateVolunteer = aVolunteer({
      status: 'paused',
      awayUntil: '2026-12-31',
      blockedForThisRequest: true,
      askedForThisRequest: 'declined',
      birthDate: '2010-06-01',
      languages: [],
      certificateInspectedOn: null,
      home: kmNorthOf(REQUEST_LOCATION, 50),
      availability: [],
      busySchedules: [{ kind: 'weekly', slots: [{ weekday: 2, start: '11:00', end: '13:00' }] }],
      openAssignments: 2,
      offersLast7Days: 3,
    });
    // Repairing one rule at a time must reveal the next reason in EXCLUSION_REASONS order.
    const repairs: Partial<CandidateVolunteer>[] = [
      { status: 'active' },
      { awayUntil: null },
      { blockedForThisRequest: false },
      { askedForThisRequest: null },
      { birthDate: '1990-06-01' },
      { languages: [{ code: 'tr', level: 'C1' }] },
      { certificateInspectedOn: '2019-01-01' },
      { certificateInspectedOn: '2025-01-01' },
      { home: kmNorthOf(REQUEST_LOCATION, 1) },
      { availability: [{ weekday: 2, start: '09:00', end: '12:00' }] },
      { busySchedules: [] },
      { openAssignments: 0 },
      { offersLast7Days: 0 },
    ];
    const request = aRequest({ minimumAge: 18 });
    let volunteer = failingEverything;
    const seen: (ExclusionReason | 'eligible')[] = [];
    for (const repair of repairs) {
      seen.push(reasonOf(checkEligibility(request, volunteer, aContext())));
      volunteer = { ...volunteer, ...repair };
    }
    seen.push(reasonOf(checkEligibility(request, volunteer, aContext())));
    expect(seen).toEqual([...EXCLUSION_REASONS, 'eligible']);
  });

  describe('dates are Berlin calendar dates', () => {
    it.each<[string, Partial<CandidateVolunteer>, string, ExclusionReason | 'eligible']>([
      // 30 Nov is winter time: Berlin midnight is 23:00 UTC the day before.
      [
        'away, on the last away day late evening',
        { awayUntil: '2026-11-30' },
        '2026-11-30T22:59:59Z',
        'away',
      ],
      [
        'away, just after midnight in Berlin',
        { awayUntil: '2026-11-30' },
        '2026-11-30T23:00:00Z',
        'eligible',
      ],
      // 30 Jun is summer time: Berlin midnight is 22:00 UTC the day before.
      ['away, at 23:59 summer time', { awayUntil: '2026-06-30' }, '2026-06-30T21:59:00Z', 'away'],
      ['away, at 00:00 summer time', { awayUntil: '2026-06-30' }, '2026-06-30T22:00:00Z', 'eligible'],
    ])('should judge %s', (_, volunteer, now, expected) => {
      expect(check(volunteer, {}, now)).toBe(expected);
    });

    it.each<[string, string, string, ExclusionReason | 'eligible']>([
      ['on the last day, 23:59:59 in Berlin', '2021-03-10', '2026-03-10T22:59:59Z', 'eligible'],
      [
        'on the next Berlin day, although still the last day in UTC',
        '2021-03-10',
        '2026-03-10T23:00:00Z',
        'certificate-expired',
      ],
      ['from a leap day, on 28 February', '2020-02-29', '2025-02-28T12:00:00Z', 'eligible'],
      ['from a leap day, on 1 March', '2020-02-29', '2025-03-01T00:00:00Z', 'certificate-expired'],
    ])('should judge a certificate %s', (_, inspectedOn, now, expected) => {
      expect(check({ certificateInspectedOn: inspectedOn }, {}, now)).toBe(expected);
    });

    it.each<[string, string, number, string, ExclusionReason | 'eligible']>([
      ['the day before the 18th birthday', '2008-03-11', 18, '2026-03-10T12:00:00Z', 'under-minimum-age'],
      ['on the 18th birthday', '2008-03-10', 18, '2026-03-10T12:00:00Z', 'eligible'],
      ['at Berlin midnight starting the birthday', '2008-03-11', 18, '2026-03-10T23:00:00Z', 'eligible'],
      ['born on a leap day, on 28 February', '2008-02-29', 18, '2026-02-28T12:00:00Z', 'under-minimum-age'],
      ['born on a leap day, on 1 March', '2008-02-29', 18, '2026-03-01T12:00:00Z', 'eligible'],
      ['aged 16 where 16 is the minimum', '2010-03-10', 16, '2026-03-10T12:00:00Z', 'eligible'],
      ['a minimum age of 0', '2020-01-01', 0, '2026-03-10T12:00:00Z', 'eligible'],
    ])('should judge the age %s', (_, birthDate, minimumAge, now, expected) => {
      expect(check({ birthDate }, { minimumAge }, now)).toBe(expected);
    });
  });

  it('should follow the validity years of the policy', () => {
    const volunteer = aVolunteer({ certificateInspectedOn: '2024-01-15' });
    expect(reasonOf(checkEligibility(aRequest(), volunteer, aContext()))).toBe('eligible');
    expect(
      reasonOf(checkEligibility(aRequest(), volunteer, withPolicy({ certificateValidityYears: 1 }))),
    ).toBe('certificate-expired');
  });

  describe('explanations', () => {
    it('should name the missing language', () => {
      expect(explain({ languages: [] })).toEqual({
        de: 'spricht kein Türkisch',
        en: 'does not speak Turkish',
      });
      expect(explain({ languages: [] }, { neededLanguage: 'prs' })).toEqual({
        de: 'spricht kein Dari',
        en: 'does not speak Dari',
      });
      expect(explain({ languages: [] }, { neededLanguage: 'kmr' })?.de).toBe(
        'spricht kein Kurdisch (Kurmandschi)',
      );
    });

    it('should fall back to the code for a language without a built-in name', () => {
      expect(explain({ languages: [] }, { neededLanguage: 'wo' })).toEqual({
        de: 'spricht nicht die benötigte Sprache (wo)',
        en: 'does not speak the needed language (wo)',
      });
    });

    it.each<[string, Partial<CandidateVolunteer>, Partial<MatchableRequest>, string, string]>([
      ['paused', { status: 'paused' }, {}, 'ist pausiert', 'is paused'],
      ['pending', { status: 'pending' }, {}, 'ist noch nicht freigeschaltet', 'is not yet approved'],
      ['away', { awayUntil: '2026-11-30' }, {}, 'bis 30.11.2026 abwesend', 'away until 2026-11-30'],
      [
        'blocked',
        { blockedForThisRequest: true },
        {},
        'für diese Person gesperrt',
        'blocked for this person',
      ],
      [
        'declined',
        { askedForThisRequest: 'declined' },
        {},
        'hat diese Anfrage schon abgelehnt',
        'already declined this request',
      ],
      [
        'withdrawn',
        { askedForThisRequest: 'withdrawn' },
        {},
        'wurde für diese Anfrage schon angefragt (zurückgezogen)',
        'was already offered this request (withdrawn)',
      ],
      [
        'expired',
        { askedForThisRequest: 'expired' },
        {},
        'hat auf diese Anfrage nicht rechtzeitig geantwortet',
        'did not answer this request in time',
      ],
      ['too young', { birthDate: '2009-01-01' }, { minimumAge: 18 }, 'unter 18 Jahre', 'under 18 years old'],
      [
        'no birth date',
        { birthDate: null },
        { minimumAge: 18 },
        'Geburtsdatum fehlt, Mindestalter 18 Jahre',
        'birth date missing, minimum age 18',
      ],
      [
        'no certificate',
        { certificateInspectedOn: null },
        {},
        'kein erweitertes Führungszeugnis eingesehen',
        'no extended criminal record certificate inspected',
      ],
      [
        'an old certificate',
        { certificateInspectedOn: '2020-06-01' },
        {},
        'Führungszeugnis älter als 5 Jahre (eingesehen am 01.06.2020)',
        'certificate older than 5 years (inspected on 2020-06-01)',
      ],
      [
        'too far',
        { home: kmNorthOf(REQUEST_LOCATION, 6.04) },
        {},
        '6,0 km entfernt, fährt höchstens 5 km',
        '6.0 km away, travels at most 5 km',
      ],
      ['no time', { availability: [] }, {}, 'keine Zeit: Di 9–12 Uhr', 'not available: Tue 9am–12pm'],
      [
        'part of the time',
        { availability: [{ weekday: 2, start: '10:30', end: '13:00' }] },
        {},
        'nur teilweise Zeit (50 %): Di 9–12 Uhr',
        'only partly available (50%): Tue 9am–12pm',
      ],
      [
        'at capacity',
        { openAssignments: 2 },
        {},
        'hat schon 2 von höchstens 2 offenen Einsätzen',
        'already has 2 of at most 2 open assignments',
      ],
      [
        'the weekly cap',
        { offersLast7Days: 3, maxOffersPerWeek: 3 },
        {},
        'schon 3 Anfragen diese Woche (Grenze 3)',
        'already 3 offers this week (limit 3)',
      ],
      [
        'a weekly cap of 1',
        { offersLast7Days: 1, maxOffersPerWeek: 1 },
        {},
        'schon 1 Anfrage diese Woche (Grenze 1)',
        'already 1 offer this week (limit 1)',
      ],
      [
        'a weekly cap of 0',
        { maxOffersPerWeek: 0 },
        {},
        'möchte zurzeit keine Anfragen (Grenze 0 pro Woche)',
        'wants no offers at the moment (limit 0 per week)',
      ],
    ])('should explain %s in German and English', (_, volunteer, request, de, en) => {
      expect(explain(volunteer, request)).toEqual({ de, en });
    });

    it('should explain every way of having been asked before', () => {
      const texts = PRIOR_ASK_OUTCOMES.map((outcome) => explain({ askedForThisRequest: outcome })?.de);
      expect(new Set(texts).size).toBe(PRIOR_ASK_OUTCOMES.length);
    });
  });
});
