import { checkEligibility } from './eligibility';
import { aContext, aVolunteer, kmNorthOf, REQUEST_LOCATION } from './test-fixtures';
import {
  asMatchableRequest,
  FIT_CRITERIA,
  judgeFit,
  rankOpportunities,
  rankVolunteers,
  type FitContext,
  type FitVolunteer,
  type MatchableOpportunity,
} from './opportunity-fit';

const FIELDS = {
  SEN: { de: 'Senioren', en: 'Older people' },
  KIJ: { de: 'Kinder und Jugend', en: 'Children and youth' },
};

function ctx(overrides: Partial<FitContext> = {}): FitContext {
  return { ...aContext(), fields: FIELDS, ...overrides };
}

function anOpportunity(overrides: Partial<MatchableOpportunity> = {}): MatchableOpportunity {
  return {
    id: 'opp-1',
    fieldsOfActivity: ['SEN'],
    skills: ['shopping'],
    languages: [],
    requiresCertificate: false,
    minimumAge: null,
    remote: false,
    location: REQUEST_LOCATION,
    district: 'Mitte',
    timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '09:00', end: '12:00' }] },
    forNewcomers: false,
    littleGermanOk: false,
    ...overrides,
  };
}

function aFitVolunteer(overrides: Partial<FitVolunteer> = {}): FitVolunteer {
  return { ...aVolunteer(), interests: ['SEN'], placementsBefore: 0, ...overrides };
}

function reason(opportunity: MatchableOpportunity, volunteer: FitVolunteer, c = ctx()): string | null {
  const verdict = judgeFit(opportunity, volunteer, c);
  return verdict.eligible ? null : verdict.reason;
}

describe('opportunity fit: hard rules (the engine checkEligibility)', () => {
  it('accepts the baseline pair and explains every criterion in German and English', () => {
    const verdict = judgeFit(anOpportunity(), aFitVolunteer(), ctx());
    expect(verdict.eligible).toBe(true);
    if (!verdict.eligible) {
      return;
    }
    for (const c of FIT_CRITERIA) {
      expect(verdict.fit.breakdown[c].explanation.de).not.toBe('');
      expect(verdict.fit.breakdown[c].explanation.en).not.toBe('');
    }
    expect(verdict.fit.breakdown.interests.explanation).toEqual({
      de: 'gemeinsames Tätigkeitsfeld: Senioren',
      en: 'shared field of activity: Older people',
    });
    expect(verdict.fit.breakdown.distance.explanation.de).toBe('1,0 km entfernt, gleicher Stadtteil');
    expect(verdict.fit.distanceKm).toBeCloseTo(1, 5);
  });

  it('never starts an explanation with its criterion label (the pages print the label before it)', () => {
    const verdict = judgeFit(anOpportunity(), aFitVolunteer(), ctx());
    if (!verdict.eligible) {
      throw new Error('baseline pair should fit');
    }
    const labels = {
      interests: ['Interessen', 'interests'],
      skills: ['Fähigkeiten', 'skills'],
      language: ['Sprache', 'language'],
    };
    for (const [criterion, [de, en]] of Object.entries(labels)) {
      const { explanation } = verdict.fit.breakdown[criterion as keyof typeof verdict.fit.breakdown];
      expect(explanation.de.toLowerCase().startsWith(`${de.toLowerCase()}:`)).toBe(false);
      expect(explanation.en.toLowerCase().startsWith(`${en}:`)).toBe(false);
    }
  });

  it('excludes a volunteer who is not active', () => {
    expect(reason(anOpportunity(), aFitVolunteer({ status: 'paused' }))).toBe('not-active');
  });

  it('applies "away" only to one-off dates', () => {
    const away = aFitVolunteer({ awayUntil: '2026-04-30' });
    expect(reason(anOpportunity(), away)).toBeNull();
    const oneOff = anOpportunity({
      timePattern: { kind: 'one-off', date: '2026-03-17', start: '09:00', end: '11:00' },
    });
    expect(reason(oneOff, away)).toBe('away');
  });

  it('checks the minimum age and the certificate', () => {
    expect(reason(anOpportunity({ minimumAge: 18 }), aFitVolunteer({ birthDate: '2010-01-01' }))).toBe(
      'under-minimum-age',
    );
    expect(
      reason(anOpportunity({ requiresCertificate: true }), aFitVolunteer({ certificateInspectedOn: null })),
    ).toBe('certificate-missing');
    expect(
      reason(
        anOpportunity({ requiresCertificate: true }),
        aFitVolunteer({ certificateInspectedOn: '2019-01-01' }),
      ),
    ).toBe('certificate-expired');
  });

  it('treats languages as any-of and names them all when none is spoken', () => {
    const volunteer = aFitVolunteer({ languages: [{ code: 'tr', level: 'B2' }] });
    expect(reason(anOpportunity({ languages: ['de', 'tr'] }), volunteer)).toBeNull();
    const verdict = judgeFit(anOpportunity({ languages: ['de', 'en'] }), volunteer, ctx());
    expect(verdict).toMatchObject({ eligible: false, reason: 'language-missing' });
    if (!verdict.eligible) {
      expect(verdict.explanation.de).toContain('keine der Sprachen');
    }
  });

  it('applies the radius, except to remote opportunities', () => {
    const far = aFitVolunteer({ home: kmNorthOf(REQUEST_LOCATION, 8) });
    expect(reason(anOpportunity(), far)).toBe('outside-radius');
    const remote = judgeFit(anOpportunity({ remote: true, location: null, district: null }), far, ctx());
    expect(remote.eligible).toBe(true);
    if (remote.eligible) {
      expect(remote.fit.distanceKm).toBeNull();
      expect(remote.fit.breakdown.distance).toMatchObject({ fit: 1, explanation: { de: 'ortsunabhängig' } });
    }
  });

  it('needs weekly slots covered; flexible hours have no time rule', () => {
    const busy = aFitVolunteer({ availability: [{ weekday: 3, start: '09:00', end: '12:00' }] });
    expect(reason(anOpportunity(), busy)).toBe('not-available');
    const flexible = anOpportunity({ timePattern: { kind: 'flexible', hoursPerMonth: 4 } });
    const verdict = judgeFit(flexible, busy, ctx());
    expect(verdict.eligible).toBe(true);
    if (verdict.eligible) {
      expect(verdict.fit.breakdown.availability).toMatchObject({ applicable: false });
      expect(verdict.fit.breakdown.availability.explanation.de).toContain('4 Std. im Monat');
    }
    const oneOff = anOpportunity({
      timePattern: { kind: 'one-off', date: '2026-03-18', start: '09:00', end: '11:00' },
    });
    expect(reason(oneOff, busy)).toBeNull();
    expect(reason(oneOff, aFitVolunteer())).toBe('not-available');
  });

  it('agrees with the engine on the request it builds (same rules, same reason)', () => {
    const volunteers = [
      aFitVolunteer({ status: 'inactive' }),
      aFitVolunteer({ birthDate: null }),
      aFitVolunteer({ home: kmNorthOf(REQUEST_LOCATION, 6) }),
      aFitVolunteer({ availability: [] }),
      aFitVolunteer(),
    ];
    const opportunity = anOpportunity({ minimumAge: 16 });
    for (const volunteer of volunteers) {
      const engine = checkEligibility(asMatchableRequest(opportunity, volunteer), volunteer, aContext());
      expect(reason(opportunity, volunteer)).toBe(engine.eligible ? null : engine.reason);
    }
  });
});

describe('opportunity fit: soft criteria', () => {
  it('scores shared interests above none', () => {
    const match = judgeFit(anOpportunity(), aFitVolunteer(), ctx());
    const other = judgeFit(anOpportunity(), aFitVolunteer({ interests: ['KIJ'] }), ctx());
    expect(match.eligible && other.eligible).toBe(true);
    if (match.eligible && other.eligible) {
      expect(match.fit.score).toBeGreaterThan(other.fit.score);
      expect(other.fit.breakdown.interests.explanation.de).toContain('nicht unter den Interessen');
    }
  });

  it('gives the newcomer bonus only to someone never placed, and only where the opportunity suits newcomers', () => {
    const opportunity = anOpportunity({ forNewcomers: true, skills: ['paperwork'] });
    const fresh = judgeFit(opportunity, aFitVolunteer(), ctx());
    const placed = judgeFit(opportunity, aFitVolunteer({ placementsBefore: 2 }), ctx());
    if (!fresh.eligible || !placed.eligible) {
      throw new Error('both eligible');
    }
    expect(fresh.fit.breakdown.newcomer).toMatchObject({ applicable: true, fit: 1 });
    expect(placed.fit.breakdown.newcomer.applicable).toBe(false);
    expect(fresh.fit.score).toBeGreaterThan(placed.fit.score);
  });

  it('counts "little German is fine" for a volunteer with little German', () => {
    const volunteer = aFitVolunteer({
      languages: [
        { code: 'uk', level: 'native' },
        { code: 'de', level: 'A2' },
      ],
    });
    const verdict = judgeFit(anOpportunity({ littleGermanOk: true }), volunteer, ctx());
    if (!verdict.eligible) {
      throw new Error('eligible');
    }
    expect(verdict.fit.breakdown.language).toMatchObject({ applicable: true, fit: 1 });
  });

  it('weights of the applicable criteria sum to 1 and the score is their weighted mean', () => {
    const verdict = judgeFit(anOpportunity({ forNewcomers: true }), aFitVolunteer(), ctx());
    if (!verdict.eligible) {
      throw new Error('eligible');
    }
    const weights = FIT_CRITERIA.map((c) => verdict.fit.breakdown[c].weight);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const points = FIT_CRITERIA.reduce((sum, c) => sum + verdict.fit.breakdown[c].points, 0);
    expect(verdict.fit.score).toBeCloseTo(points, 1);
  });
});

describe('opportunity fit: ranking', () => {
  const opportunities = [
    anOpportunity({ id: 'b', location: kmNorthOf(REQUEST_LOCATION, 2) }),
    anOpportunity({ id: 'a', location: kmNorthOf(REQUEST_LOCATION, 2) }),
    anOpportunity({ id: 'c', fieldsOfActivity: ['KIJ'] }),
    anOpportunity({ id: 'd', remote: true, location: null }),
    anOpportunity({ id: 'e', minimumAge: 99 }),
  ];

  it('is deterministic whatever the input order, with counts of the excluded', () => {
    const volunteer = aFitVolunteer();
    const first = rankOpportunities(volunteer, opportunities, ctx(), 10);
    const second = rankOpportunities(volunteer, [...opportunities].reverse(), ctx(), 10);
    expect(first.ranked.map((f) => f.opportunityId)).toEqual(second.ranked.map((f) => f.opportunityId));
    expect(first.ranked[0].opportunityId).toBe('d');
    const ids = first.ranked.map((f) => f.opportunityId);
    expect(ids.indexOf('a')).toBe(ids.indexOf('b') - 1);
    expect(first.exclusionCounts['under-minimum-age']).toBe(1);
    expect(first.ranked).toHaveLength(4);
    for (let i = 1; i < first.ranked.length; i++) {
      expect(first.ranked[i - 1].score).toBeGreaterThanOrEqual(first.ranked[i].score);
    }
  });

  it('keeps at most the limit and ranks volunteers for an opportunity the same way', () => {
    const volunteers = Array.from({ length: 20 }, (_, i) =>
      aFitVolunteer({
        id: `v${String(i).padStart(2, '0')}`,
        home: kmNorthOf(REQUEST_LOCATION, (i % 7) * 0.7),
      }),
    );
    const ranking = rankVolunteers(anOpportunity(), volunteers, ctx(), 5);
    expect(ranking.ranked).toHaveLength(5);
    const shuffled = rankVolunteers(anOpportunity(), [...volunteers].reverse(), ctx(), 5);
    expect(ranking.ranked).toEqual(shuffled.ranked);
    expect(ranking.ranked[0].distanceKm).toBeCloseTo(0, 5);
  });

  it('property: scores stay within 0–100 for random pairs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const opportunity = anOpportunity({
        remote: random() < 0.2,
        forNewcomers: random() < 0.5,
        littleGermanOk: random() < 0.5,
        fieldsOfActivity: random() < 0.5 ? ['SEN'] : ['KIJ', 'SEN'],
        skills: random() < 0.3 ? [] : ['shopping', 'driving'],
        location: kmNorthOf(REQUEST_LOCATION, random() * 4),
      });
      const volunteer = aFitVolunteer({
        placementsBefore: Math.floor(random() * 3),
        interests: random() < 0.2 ? [] : ['SEN'],
      });
      const verdict = judgeFit(opportunity, volunteer, ctx());
      if (verdict.eligible) {
        expect(verdict.fit.score).toBeGreaterThanOrEqual(0);
        expect(verdict.fit.score).toBeLessThanOrEqual(100);
      }
    }
  });
});
