import { candidatesQuery, DEFAULT_RETRIEVAL_LIMITS, retrievalLimitsFor } from './candidate-retrieval';

describe('retrievalLimitsFor', () => {
  it.each([
    [1, 40],
    [5, 40],
    [10, 40],
    [12, 48],
    [20, 80],
  ])('should walk to a pool of %i proposals × 4, at least 40: %i', (maxProposals, poolSize) => {
    expect(retrievalLimitsFor(maxProposals)).toEqual({
      scanLimit: DEFAULT_RETRIEVAL_LIMITS.scanLimit,
      poolSize,
    });
  });
});

describe('candidatesQuery', () => {
  const request = {
    id: '5e95cdac-c066-4613-9e97-e53b79b7ad13',
    latitude: 53.55,
    longitude: 9.93,
    helpSeekerId: null,
    neededLanguage: 'tr',
    relatedSkills: ['shopping'],
    schedule: { kind: 'one-off' as const, date: '2026-11-24', start: '10:00', end: '11:00' },
  };

  it('should send the whole batch as one parameter, whatever its size, and skip the skill walk with a needed language', () => {
    const one = candidatesQuery([request], new Date('2026-11-21T10:00:00Z'), DEFAULT_RETRIEVAL_LIMITS);
    const three = candidatesQuery(
      [request, { ...request, neededLanguage: null }, { ...request, relatedSkills: [] }],
      new Date('2026-11-21T10:00:00Z'),
      DEFAULT_RETRIEVAL_LIMITS,
    );
    expect(three.sql).toBe(one.sql);
    expect(three.parameters).toHaveLength(one.parameters.length);
    const batch = JSON.parse(three.parameters[0] as string) as {
      idx: number;
      language: string | null;
      skills: string[] | null;
    }[];
    expect(batch.map(({ idx, language, skills }) => ({ idx, language, skills }))).toEqual([
      { idx: 0, language: 'tr', skills: null },
      { idx: 1, language: null, skills: ['shopping'] },
      { idx: 2, language: 'tr', skills: null },
    ]);
  });
});
