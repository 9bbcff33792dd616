import fc from 'fast-check';
import { checkEligibility } from './eligibility';
import { OVERRIDABLE_REASONS, OVERRIDE_CLASSES, overrideVerdict } from './override';
import { aContext, aRequest, aVolunteer, kmNorthOf, REQUEST_LOCATION } from './test-fixtures';
import { EXCLUSION_REASONS, type CandidateVolunteer } from './types';

const ctx = aContext({ now: new Date('2026-03-10T08:00:00Z') });
const verdict = (volunteer: Partial<CandidateVolunteer>) =>
  overrideVerdict(aRequest(), aVolunteer(volunteer), ctx);

describe('overrideVerdict', () => {
  it('classifies every exclusion reason, safeguarding rules never soft', () => {
    expect(Object.keys(OVERRIDE_CLASSES).sort()).toEqual([...EXCLUSION_REASONS].sort());
    for (const reason of [
      'not-active',
      'blocked',
      'under-minimum-age',
      'certificate-missing',
      'certificate-expired',
    ] as const) {
      expect(OVERRIDE_CLASSES[reason]).toBe('safeguarding');
    }
    expect(OVERRIDABLE_REASONS).toEqual([
      'outside-radius',
      'not-available',
      'at-capacity',
      'weekly-offer-cap',
    ]);
    expect(OVERRIDE_CLASSES['double-booked']).toBe('firm');
    expect(OVERRIDE_CLASSES['language-missing']).toBe('firm');
  });

  it('an eligible volunteer needs no override', () => {
    expect(verdict({}).kind).toBe('eligible');
  });

  it('steps over several soft rules and lists each with its explanation', () => {
    const result = verdict({
      home: kmNorthOf(REQUEST_LOCATION, 6),
      availability: [],
      openAssignments: 2,
      offersLast7Days: 3,
    });
    expect(result.kind).toBe('overridable');
    if (result.kind !== 'overridable') {
      return;
    }
    expect(result.overridden.map((o) => o.reason)).toEqual([
      'outside-radius',
      'not-available',
      'at-capacity',
      'weekly-offer-cap',
    ]);
    expect(result.overridden[0].explanation.de).toBe('6,0 km entfernt, fährt höchstens 5 km');
    expect(result.candidate.score).toBeGreaterThan(0);
  });

  it('stretches the radius only a little', () => {
    // radius 5 km: at most 7,5 km with an override.
    expect(verdict({ home: kmNorthOf(REQUEST_LOCATION, 7.4) }).kind).toBe('overridable');
    const far = verdict({ home: kmNorthOf(REQUEST_LOCATION, 8) });
    expect(far.kind).toBe('refused');
    expect(far.kind === 'refused' && far.refusal).toMatchObject({
      reason: 'outside-radius',
      overrideClass: 'firm',
    });
  });

  it.each([
    ['an inactive volunteer', { status: 'inactive' as const }, 'not-active'],
    ['a blocked pair', { blockedForThisRequest: true }, 'blocked'],
    ['no certificate', { certificateInspectedOn: null }, 'certificate-missing'],
    ['an old certificate', { certificateInspectedOn: '2018-01-01' }, 'certificate-expired'],
  ])('refuses %s as safeguarding, even with soft rules broken too', (_, change, reason) => {
    const result = verdict({ ...change, home: kmNorthOf(REQUEST_LOCATION, 6) });
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.refusal).toMatchObject({
      reason,
      overrideClass: 'safeguarding',
    });
  });

  it('refuses under the minimum age as safeguarding', () => {
    const result = overrideVerdict(
      aRequest({ minimumAge: 18 }),
      aVolunteer({ birthDate: '2012-01-01' }),
      ctx,
    );
    expect(result.kind === 'refused' && result.refusal.overrideClass).toBe('safeguarding');
  });

  it('refuses double booking after overriding the hours', () => {
    const result = verdict({
      availability: [],
      busySchedules: [{ kind: 'weekly', slots: [{ weekday: 2, start: '10:00', end: '11:00' }] }],
    });
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') {
      return;
    }
    expect(result.refusal).toMatchObject({ reason: 'double-booked', overrideClass: 'firm' });
    expect(result.overridden.map((o) => o.reason)).toEqual(['not-available']);
  });

  it('property: overridable only when every failing rule is soft; never past a safeguarding rule', () => {
    const volunteer = fc.record({
      status: fc.constantFrom('active' as const, 'paused' as const),
      blockedForThisRequest: fc.boolean(),
      certificateInspectedOn: fc.constantFrom(null, '2018-01-01', '2025-01-01'),
      km: fc.double({ min: 0, max: 12, noNaN: true }),
      free: fc.boolean(),
      openAssignments: fc.integer({ min: 0, max: 3 }),
      offersLast7Days: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(volunteer, ({ km, free, ...rest }) => {
        const v = aVolunteer({
          ...rest,
          home: kmNorthOf(REQUEST_LOCATION, km),
          availability: free ? [{ weekday: 2, start: '08:00', end: '13:00' }] : [],
        });
        const result = overrideVerdict(aRequest(), v, ctx);
        const plain = checkEligibility(aRequest(), v, ctx);
        if (plain.eligible) {
          expect(result.kind).toBe('eligible');
          return;
        }
        if (OVERRIDE_CLASSES[plain.reason] === 'safeguarding') {
          expect(result.kind).toBe('refused');
          expect(result.kind === 'refused' && result.refusal.reason).toBe(plain.reason);
        }
        if (result.kind === 'overridable') {
          expect(result.overridden.every((o) => OVERRIDE_CLASSES[o.reason] === 'soft')).toBe(true);
          expect(result.overridden[0].reason).toBe(plain.reason);
        }
      }),
    );
  });
});
