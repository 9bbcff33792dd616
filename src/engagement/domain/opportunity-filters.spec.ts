import { filtersQuery, parseOpportunityFilters, weekdayMask } from './opportunity-filters';

const known = { fields: ['SEN', 'BIL'], districts: ['Ottensen', 'Altona-Altstadt'], languages: ['de', 'tr'] };

describe('parseOpportunityFilters', () => {
  it('should read every known filter and default to 10 km and page 1', () => {
    const { filters, unknown } = parseOpportunityFilters(
      {
        field: 'SEN',
        district: 'Ottensen',
        postalCode: ' 22765 ',
        km: '25',
        weekday: '2',
        remote: 'yes',
        newcomers: 'yes',
        littleGerman: 'yes',
        accessible: 'yes',
        language: 'tr',
        page: '3',
        lang: 'ar',
      },
      known,
    );
    expect(unknown).toEqual([]);
    expect(filters).toEqual({
      field: 'SEN',
      district: 'Ottensen',
      postalCode: '22765',
      radiusKm: 25,
      weekday: 2,
      remote: true,
      newcomers: true,
      littleGerman: true,
      accessible: true,
      language: 'tr',
      page: 3,
    });
    expect(parseOpportunityFilters({}, known).filters).toEqual({ radiusKm: 10, page: 1 });
  });

  it.each([
    ['field', 'NOPE'],
    ['district', 'Atlantis'],
    ['postalCode', '2276'],
    ['km', '7'],
    ['weekday', '0'],
    ['weekday', '8'],
    ['remote', 'true'],
    ['language', 'xx'],
    ['page', '0'],
    ['page', '501'],
    ['page', '1e3'],
  ])('should report %s=%s as unknown', (field, value) => {
    const { unknown } = parseOpportunityFilters({ [field]: value }, known);
    expect(unknown).toEqual([{ field, value }]);
  });

  it('should treat empty values as no filter and take the first of repeated values', () => {
    expect(parseOpportunityFilters({ field: '', km: ['5', '25'] }, known)).toEqual({
      filters: { radiusKm: 5, page: 1 },
      unknown: [],
    });
  });
});

describe('filtersQuery', () => {
  it('should write the filters back as the query string they came from (the radius only with a postal code)', () => {
    const { filters } = parseOpportunityFilters({ field: 'SEN', km: '25', remote: 'yes', page: '2' }, known);
    expect(filtersQuery(filters)).toBe('field=SEN&remote=yes&page=2');
    expect(filtersQuery({ ...filters, postalCode: '22765' }, 1)).toBe(
      'field=SEN&postalCode=22765&km=25&remote=yes',
    );
  });
});

describe('weekdayMask', () => {
  it('should set the 48 half-hours of the day, Monday first', () => {
    const tuesday = weekdayMask(2);
    expect(tuesday).toHaveLength(336);
    expect(tuesday.indexOf('1')).toBe(48);
    expect(tuesday.lastIndexOf('1')).toBe(95);
  });
});
