import { checkEligibility, type EligibilityResult } from './eligibility';
import { aContext, aRequest, aVolunteer, kmNorthOf, REQUEST_LOCATION } from './test-fixtures';
import {
  EXCLUSION_REASONS,
  type CandidateVolunteer,
  type ExclusionReason,
  type MatchableRequest,
} from './types';

const reasonOf = (result: EligibilityResult): ExclusionReason | 'eligible' =>
  result.eligible ? 'eligible' : result.reason;

describe('checkEligibility', () => {
  it('should find the baseline volunteer eligible, 1 km away', () => {
    const result = checkEligibility(aRequest(), aVolunteer(), aContext());
    expect(result.eligible).toBe(true);
    expect(result.eligible && result.distanceKm).toBeCloseTo(1, 9);
  });

  describe('each hard rule', () => {
    it.each<[string, Partial<CandidateVolunteer>, Partial<MatchableRequest>, ExclusionReason]>([
      ['a pending volunteer', { status: 'pending' }, {}, 'not-active'],
      ['a paused volunteer', { status: 'paused' }, {}, 'not-active'],
      ['an inactive volunteer', { status: 'inactive' }, {}, 'not-active'],
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
      [
        'a volunteer without inspected certificate',
        { certificateInspectedOn: null },
        {},
        'certificate-missing',
      ],
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
    ])('should exclude %s', (_, volunteer, request, reason) => {
      expect(reasonOf(checkEligibility(aRequest(request), aVolunteer(volunteer), aContext()))).toBe(reason);
    });

    it.each<[string, Partial<CandidateVolunteer>, Partial<MatchableRequest>]>([
      [
        'a volunteer speaking the needed language at any level',
        { languages: [{ code: 'tr', level: 'A1' }] },
        {},
      ],
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
    ])('should accept %s', (_, volunteer, request) => {
      expect(reasonOf(checkEligibility(aRequest(request), aVolunteer(volunteer), aContext()))).toBe(
        'eligible',
      );
    });
  });

  it('should report the rules in a fixed order, the first failing one winning', () => {
    const failingEverything: CandidateVolunteer = aVolunteer({
      status: 'paused',
      languages: [],
      certificateInspectedOn: null,
      home: kmNorthOf(REQUEST_LOCATION, 50),
      availability: [],
      openAssignments: 2,
    });
    // Repairing one rule at a time must reveal the next reason in EXCLUSION_REASONS order.
    const repairs: Partial<CandidateVolunteer>[] = [
      { status: 'active' },
      { languages: [{ code: 'tr', level: 'C1' }] },
      { certificateInspectedOn: '2019-01-01' },
      { certificateInspectedOn: '2025-01-01' },
      { home: kmNorthOf(REQUEST_LOCATION, 1) },
      { availability: [{ weekday: 2, start: '09:00', end: '12:00' }] },
      { openAssignments: 0 },
    ];
    let volunteer = failingEverything;
    const seen: (ExclusionReason | 'eligible')[] = [];
    for (const repair of repairs) {
      seen.push(reasonOf(checkEligibility(aRequest(), volunteer, aContext())));
      volunteer = { ...volunteer, ...repair };
    }
    seen.push(reasonOf(checkEligibility(aRequest(), volunteer, aContext())));
    expect(seen).toEqual([...EXCLUSION_REASONS, 'eligible']);
  });

  describe('certificate validity', () => {
    it.each<[string, string, string, ExclusionReason | 'eligible']>([
      ['on the last day in UTC', '2021-03-10', '2026-03-10T23:59:59Z', 'eligible'],
      ['on the next UTC day', '2021-03-10', '2026-03-11T00:00:00Z', 'certificate-expired'],
      ['from a leap day, on 28 February', '2020-02-29', '2025-02-28T12:00:00Z', 'eligible'],
      ['from a leap day, on 1 March', '2020-02-29', '2025-03-01T00:00:00Z', 'certificate-expired'],
    ])('should judge a certificate %s', (_, inspectedOn, now, expected) => {
      const result = checkEligibility(
        aRequest(),
        aVolunteer({ certificateInspectedOn: inspectedOn }),
        aContext({ now: new Date(now) }),
      );
      expect(reasonOf(result)).toBe(expected);
    });

    it('should follow the validity years of the policy', () => {
      const ctx = aContext();
      const strict = aContext({ policy: { ...ctx.policy, certificateValidityYears: 1 } });
      const volunteer = aVolunteer({ certificateInspectedOn: '2024-01-15' });
      expect(reasonOf(checkEligibility(aRequest(), volunteer, ctx))).toBe('eligible');
      expect(reasonOf(checkEligibility(aRequest(), volunteer, strict))).toBe('certificate-expired');
    });
  });

  describe('explanations', () => {
    const explain = (volunteer: Partial<CandidateVolunteer>, request: Partial<MatchableRequest> = {}) => {
      const result = checkEligibility(aRequest(request), aVolunteer(volunteer), aContext());
      return result.eligible ? null : result.explanation;
    };

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

    it('should explain every other rule in German and English', () => {
      expect(explain({ status: 'paused' })).toEqual({ de: 'ist pausiert', en: 'is paused' });
      expect(explain({ certificateInspectedOn: null })).toEqual({
        de: 'kein erweitertes Führungszeugnis eingesehen',
        en: 'no extended criminal record certificate inspected',
      });
      expect(explain({ certificateInspectedOn: '2020-06-01' })).toEqual({
        de: 'Führungszeugnis älter als 5 Jahre (eingesehen am 01.06.2020)',
        en: 'certificate older than 5 years (inspected on 2020-06-01)',
      });
      expect(explain({ home: kmNorthOf(REQUEST_LOCATION, 6.04) })).toEqual({
        de: '6,0 km entfernt, fährt höchstens 5 km',
        en: '6.0 km away, travels at most 5 km',
      });
      expect(explain({ availability: [] })).toEqual({
        de: 'keine Zeit: Di 9–12 Uhr',
        en: 'not available: Tue 9am–12pm',
      });
      expect(explain({ availability: [{ weekday: 2, start: '10:30', end: '13:00' }] })).toEqual({
        de: 'nur teilweise Zeit (50 %): Di 9–12 Uhr',
        en: 'only partly available (50%): Tue 9am–12pm',
      });
      expect(explain({ openAssignments: 2 })).toEqual({
        de: 'hat schon 2 von höchstens 2 offenen Einsätzen',
        en: 'already has 2 of at most 2 open assignments',
      });
    });
  });
});
