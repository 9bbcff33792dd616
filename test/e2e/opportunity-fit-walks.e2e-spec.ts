import { OpportunitySearchService, SEARCH_PAGE_SIZE } from '../../src/engagement/opportunity-search.service';
import { FIT_POOL_SIZE, OpportunityFitService } from '../../src/fit/opportunity-fit.service';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The issue-13 performance walks (migration 1795630000000): a needed language and interests filter
 * inside the multi-column GiST walks and give the same candidates as the array overlap did; the
 * nearest walk stops once the pool is full and counts what it left out over the rows it read; the
 * public distance search walks the GiST KNN order and still pages ties by id.
 */
describe('opportunity fit and search: the index walks', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('ranks only speakers of a needed language, the interested among them through the lexeme walk', async () => {
    const db = stack.dataSource;
    const provider = await insertProvider(db);
    const turkish = await insertOpportunity(db, provider.id, {
      title: 'Elterncafé auf Türkisch',
      languages: ['tr'],
      fieldsOfActivity: ['MIG'],
    });
    const germanOnly = await insertVolunteer(db, { name: 'Greta Deutsch', interests: ['MIG'] });
    const speaker = await insertVolunteer(db, {
      name: 'Deniz Nah',
      languages: [
        { code: 'de', level: 'B2' },
        { code: 'tr', level: 'native' },
      ],
      languageCodes: ['de', 'tr'],
      interests: ['SEN'],
    });
    const interested = await insertVolunteer(db, {
      name: 'Ayşe Interessiert',
      languages: [{ code: 'tr', level: 'native' }],
      languageCodes: ['tr'],
      interests: ['MIG'],
    });
    // Empty strings and NULLs cannot be lexemes; the index expression leaves them out instead of failing.
    await db.query(
      `UPDATE volunteer SET interests = ARRAY['', 'SEN', NULL], language_codes = ARRAY['de', ''] WHERE id = $1`,
      [germanOnly.id],
    );

    const fit = stack.api.get(OpportunityFitService);
    const result = await fit.rankVolunteersForOpportunity(turkish.id, {});
    const ranked = result.ranked.map((entry) => entry.volunteer.id);
    expect(ranked).toEqual(expect.arrayContaining([speaker.id, interested.id]));
    expect(ranked).not.toContain(germanOnly.id);
    expect(ranked[0]).toBe(interested.id);

    const [, query] = await fit.retrievalQueries(speaker.id, turkish.id);
    const plan = await explain(query.sql, query.parameters);
    expect(plan).toContain('volunteer_active_near_lexemes_gist');

    const forInterested = await fit.rankOpportunitiesForVolunteer(interested.id, {});
    expect(forInterested.ranked.map((entry) => entry.opportunity.id)).toContain(turkish.id);
    const [byVolunteer] = await fit.retrievalQueries(interested.id, turkish.id);
    expect(await explain(byVolunteer.sql, byVolunteer.parameters)).toContain(
      'opportunity_published_near_fields_gist',
    );
  });

  it('counts the pre-filter exclusions over the rows walked until the pool is full, placements listed apart', async () => {
    const db = stack.dataSource;
    const provider = await insertProvider(db);
    // Far from the other tests' places: the walk meets only the volunteers below, nearest first.
    const place = { postalCode: '22763', latitude: 48.1, longitude: 11.5, district: 'Anderswo' };
    const opportunity = await insertOpportunity(db, provider.id, { title: 'Zählprobe', ...place });
    let step = 0;
    type Overrides = Parameters<typeof insertVolunteer>[1];
    const next = (overrides: Overrides = {}) => {
      step += 1;
      return insertVolunteer(db, {
        latitude: place.latitude + step * 0.0005,
        longitude: place.longitude,
        maxTravelKm: 20,
        ...overrides,
      });
    };
    const busy: Overrides = { availability: [{ weekday: 4, start: '09:00', end: '12:00' }] };
    const homebound: Overrides = { maxTravelKm: 0.01 };
    for (const overrides of [busy, homebound, busy, busy, homebound]) {
      await next(overrides);
    }
    const passing = [];
    for (let i = 0; i < FIT_POOL_SIZE; i += 1) {
      passing.push(await next());
    }
    // Beyond the pool's last volunteer: not walked, so not counted.
    for (const overrides of [busy, homebound, busy, homebound]) {
      await next(overrides);
    }
    await db.query(
      `INSERT INTO placement (volunteer_id, opportunity_id, stage, source, stage_changed_at)
       VALUES ($1, $4, 'advised', 'staff', now() - interval '2 days'),
              ($2, $4, 'proposed', 'staff', now() - interval '1 day'),
              ($3, $4, 'ended', 'staff', now())`,
      [passing[0].id, passing[1].id, passing[2].id, opportunity.id],
    );

    const result = await stack.api
      .get(OpportunityFitService)
      .rankVolunteersForOpportunity(opportunity.id, {});
    expect(result.considered).toBe(5 + FIT_POOL_SIZE);
    expect(result.exclusionCounts['not-available']).toBe(3);
    expect(result.exclusionCounts['outside-radius']).toBe(2);
    expect(result.inPlacement.map((entry) => [entry.volunteer.id, entry.stage])).toEqual([
      [passing[1].id, 'proposed'],
      [passing[0].id, 'advised'],
    ]);
    const ranked = result.ranked.map((entry) => entry.volunteer.id);
    expect(ranked).toHaveLength(10);
    expect(ranked).not.toContain(passing[0].id);
    expect(ranked).not.toContain(passing[1].id);
    expect(ranked).toContain(passing[2].id);
  });

  it('pages the distance search in distance then id order, ties included, through the KNN walk', async () => {
    const db = stack.dataSource;
    const provider = await insertProvider(db);
    const samePlace = {
      postalCode: '20095',
      latitude: 53.5503,
      longitude: 10.0007,
      district: 'Hamburg-Altstadt',
    };
    const ids: string[] = [];
    for (let i = 0; i < SEARCH_PAGE_SIZE + 5; i += 1) {
      ids.push((await insertOpportunity(db, provider.id, { title: `Gleicher Ort ${i}`, ...samePlace })).id);
    }
    const search = stack.api.get(OpportunitySearchService);
    const pages = [];
    for (const page of ['1', '2']) {
      const { filters } = await search.parse({ postalCode: '20095', km: '5', page });
      pages.push(await search.search(filters));
    }
    const sameIds = [...ids].sort();
    const seen = [...pages[0].rows, ...pages[1].rows].map((row) => row.id).filter((id) => ids.includes(id));
    expect(seen).toEqual(sameIds);
    expect(pages[0].hasNext).toBe(true);

    const { filters } = await search.parse({ postalCode: '20095', km: '10' });
    const { sql, params } = await search.searchSql(filters);
    const plan = await explain(sql, params, true);
    expect(plan).toMatch(/Index Scan using opportunity_published_place_gist[\s\S]*Order By: \(location <->/);
  });

  async function explain(sql: string, parameters: unknown[], distance = false): Promise<string> {
    const runner = stack.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      if (distance) {
        await runner.query('SET LOCAL enable_bitmapscan = off');
      }
      const rows = await runner.query(`EXPLAIN ${sql}`, parameters);
      return rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }
});
