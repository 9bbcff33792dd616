import { helpSeekerSearchSql, readHelpSeekerQuery } from './help-seeker-search';
import {
  filterProblemMessage,
  isCalendarDay,
  parseRequestFilters,
  requestFiltersQuery,
  requestSearchSql,
} from './request-search';

const known = { categories: ['shopping', 'visit', 'other'], districts: ['Ottensen', 'Altona-Altstadt'] };

describe('parseRequestFilters', () => {
  it('defaults to open work, newest first, first page', () => {
    expect(parseRequestFilters({}, known)).toEqual({
      filters: { status: 'open-work', sort: 'created', page: 0 },
      problems: [],
    });
  });

  it('reads every filter, with districts in any case', () => {
    const { filters, problems } = parseRequestFilters(
      {
        status: 'offered',
        district: 'ottensen',
        category: 'visit',
        urgency: 'HIGH',
        source: 'call-back',
        language: 'TR',
        createdFrom: '2026-11-01',
        createdTo: '2026-11-30',
        startsFrom: '2026-12-01',
        startsTo: '2026-12-24',
        q: '  Petersen ',
        sort: 'waiting',
        page: '3',
      },
      known,
    );
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      status: 'offered',
      district: 'Ottensen',
      category: 'visit',
      urgency: 'high',
      source: 'call-back',
      language: 'tr',
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
      startsFrom: '2026-12-01',
      startsTo: '2026-12-24',
      q: 'Petersen',
      sort: 'waiting',
      page: 3,
    });
  });

  it('names unknown values and bad dates instead of ignoring them', () => {
    const { filters, problems } = parseRequestFilters(
      {
        status: 'waiting',
        district: 'Atlantis',
        category: 'gardening',
        urgency: 'asap',
        source: 'fax',
        language: 'Türkisch',
        createdFrom: '2026-02-30',
        startsTo: 'tomorrow',
        sort: 'random',
        page: '-1',
      },
      known,
    );
    expect(problems.map((problem) => `${problem.field}:${problem.kind}`).sort()).toEqual(
      [
        'status:unknown',
        'district:unknown',
        'category:unknown',
        'urgency:unknown',
        'source:unknown',
        'language:unknown',
        'createdFrom:date',
        'startsTo:date',
        'sort:unknown',
        'page:unknown',
      ].sort(),
    );
    expect(filters).toEqual({ status: 'open-work', sort: 'created', page: 0 });
  });

  it('refuses a period that ends before it starts', () => {
    const { problems } = parseRequestFilters({ startsFrom: '2026-12-10', startsTo: '2026-12-01' }, known);
    expect(problems).toEqual([{ field: 'startsTo', kind: 'range', value: '2026-12-01' }]);
    expect(filterProblemMessage(problems[0])).toMatch(/startsTo/);
  });

  it('keeps the API defaults when asked', () => {
    expect(parseRequestFilters({}, known, { status: 'all', sort: 'oldest' }).filters).toMatchObject({
      status: 'all',
      sort: 'oldest',
    });
  });
});

describe('isCalendarDay', () => {
  it.each([
    ['2026-11-24', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['24.11.2026', false],
  ])('%s → %s', (value, expected) => {
    expect(isCalendarDay(value)).toBe(expected);
  });
});

describe('requestSearchSql', () => {
  it('has no predicate but open work, and pages by 50 (+1 to tell a next page)', () => {
    const { sql, params } = requestSearchSql({ status: 'open-work', sort: 'created', page: 2 });
    expect(sql).toContain(
      "r.status IN ('in-review', 'open', 'matching', 'proposals-ready', 'offered', 'matched')",
    );
    expect(sql).toContain('ORDER BY r.created_at DESC, r.id DESC LIMIT 51 OFFSET 100');
    expect(params).toEqual([]);
  });

  it('passes every value as a parameter and escapes LIKE wildcards', () => {
    const { sql, params } = requestSearchSql({
      status: 'all',
      district: "O'ttensen",
      q: '50%_off',
      sort: 'urgency',
      page: 0,
    });
    expect(sql).not.toContain("O'ttensen");
    expect(sql).not.toMatch(/r\.status (= \$|IN \()/);
    expect(params).toEqual(['%50\\%\\_off%', "O'ttensen"]);
    expect(sql).toContain('ORDER BY (CASE r.urgency');
  });

  it('tells call-back requests from other online ones', () => {
    expect(requestSearchSql({ status: 'all', source: 'online', sort: 'created', page: 0 }).sql).toMatch(
      /WHERE r\.source = 'public-form'\s+ORDER/,
    );
    expect(requestSearchSql({ status: 'all', source: 'call-back', sort: 'created', page: 0 }).sql).toMatch(
      /WHERE r\.source = 'call-back'\s+ORDER/,
    );
  });
});

describe('requestFiltersQuery', () => {
  it('keeps the filters for the next page', () => {
    expect(
      requestFiltersQuery(
        { status: 'open-work', district: 'Ottensen', sort: 'created', page: 0 },
        { page: 1 },
      ),
    ).toBe('status=open-work&district=Ottensen&sort=created&page=1');
  });
});

describe('help-seeker search', () => {
  it.each([
    ['', { kind: 'all' }],
    ['22765', { kind: 'postal-code', postalCode: '22765' }],
    ['040 / 123-45', { kind: 'phone', digits: '04012345' }],
    ['+49 40 1', { kind: 'phone', digits: '49401' }],
    ['Petersen', { kind: 'text', text: 'Petersen' }],
    ['greta@example.org', { kind: 'text', text: 'greta@example.org' }],
    ['12', { kind: 'text', text: '12' }],
  ])('reads %j', (typed, expected) => {
    expect(readHelpSeekerQuery(typed)).toEqual(expected);
  });

  it('searches the digits of the phone with the indexed expression', () => {
    const { sql, params } = helpSeekerSearchSql({ kind: 'phone', digits: '04012345' }, 0);
    expect(sql).toContain("regexp_replace(coalesce(s.phone, ''), '\\D', '', 'g') LIKE $1");
    expect(params).toEqual(['%04012345%']);
  });
});
