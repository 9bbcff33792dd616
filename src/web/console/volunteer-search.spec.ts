import { readVolunteerFilters, volunteerFiltersQuery, volunteerSearchSql } from './volunteer-search';

describe('volunteer search', () => {
  it('should keep usable filters and drop the rest', () => {
    expect(
      readVolunteerFilters({
        q: '  Anna ',
        language: 'TR',
        weekday: '8',
        certificate: 'stolen',
        status: 'paused',
        page: '-1',
        district: '',
      }),
    ).toEqual({
      q: 'Anna',
      skill: undefined,
      language: 'tr',
      district: undefined,
      weekday: undefined,
      certificate: undefined,
      status: 'paused',
      page: 0,
    });
  });

  it('should bind every value as a parameter and escape LIKE wildcards', () => {
    const { sql, params } = volunteerSearchSql(
      {
        q: '50%_x',
        skill: 'accompaniment',
        language: 'tr',
        district: 'Ottensen',
        weekday: 2,
        certificate: 'valid',
        status: 'active',
        page: 1,
      },
      { skills: ['accompaniment', 'accompaniment.doctor'], certificateValidityYears: 5 },
    );
    expect(params).toEqual([
      '%50\\%\\_x%',
      ['accompaniment', 'accompaniment.doctor'],
      'tr',
      'Ottensen',
      49,
      5,
      'active',
    ]);
    expect(sql).not.toContain('Ottensen');
    expect(sql).toContain('v.skills && $2::text[]');
    expect(sql).toContain('LIMIT 51 OFFSET 50');
    expect(sql).toContain('WITH hits AS MATERIALIZED');
  });

  it('should build pagination links from the same filters', () => {
    expect(volunteerFiltersQuery({ language: 'tr', weekday: 3, page: 0 }, 2)).toBe(
      'language=tr&weekday=3&page=2',
    );
  });
});
