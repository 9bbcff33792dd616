import { opportunitySearchSql, readOpportunityFilters } from './opportunity-search';

const known = (key: string): boolean => ['SEN', 'BIL'].includes(key);

describe('readOpportunityFilters', () => {
  it('defaults to everything but archived, first page', () => {
    expect(readOpportunityFilters({}, known)).toEqual({
      filters: {
        status: 'current',
        field: null,
        district: null,
        providerId: null,
        q: null,
        overdue: false,
        page: 0,
      },
      problems: [],
    });
  });

  it('reads each filter and ignores parameters it does not own', () => {
    const { filters, problems } = readOpportunityFilters(
      {
        status: 'in-review',
        field: 'SEN',
        district: 'Ottensen',
        q: ' Vorlesen ',
        overdue: '1',
        page: '2',
        lang: 'en',
      },
      known,
    );
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({
      status: 'in-review',
      field: 'SEN',
      district: 'Ottensen',
      q: 'Vorlesen',
      overdue: true,
      page: 2,
    });
  });

  it('names each unknown value', () => {
    const { problems } = readOpportunityFilters(
      { status: 'sleeping', field: 'NOPE', providerId: 'x', overdue: 'maybe', page: '-1' },
      known,
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'status',
      'field',
      'providerId',
      'overdue',
      'page',
    ]);
  });
});

describe('opportunitySearchSql', () => {
  it('passes every value as a parameter, LIKE wildcards escaped', () => {
    const { sql, params } = opportunitySearchSql(
      {
        status: 'published',
        field: 'SEN',
        district: "O'Park",
        providerId: null,
        q: '50%_off',
        overdue: true,
        page: 1,
      },
      '2026-12-04',
    );
    expect(sql).not.toContain("O'Park");
    expect(params).toEqual(['published', 'SEN', "O'Park", '2026-12-04', '%50\\%\\_off%']);
    expect(sql).toContain('LIMIT 51 OFFSET 50');
  });
});
