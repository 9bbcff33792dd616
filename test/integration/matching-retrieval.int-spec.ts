import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { findCandidates } from '../../src/matching/candidate-retrieval';
import type { CandidateVolunteer } from '../../src/matching/domain/types';
import { PostalCode } from '../../src/postal-codes/postal-code.entity';
import { daysAhead } from '../factories/api-bodies.factory';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

/** Candidate retrieval searches a box of this half-width (in metres) around the request. */
const SEARCH_RADIUS_M = 50_000;
const BULK_VOLUNTEERS = 100_000;

/** Volunteers far outside any box around Lübeck, by postal code: Bremen, Berlin, München. */
const FAR_AWAY = [
  { code: '28195', lat: 53.0889, lon: 8.7906 },
  { code: '10115', lat: 52.5323, lon: 13.3846 },
  { code: '80331', lat: 48.1374, lon: 11.5755 },
];

interface StoredVolunteer {
  id: string;
  email: string;
  status: string;
  latitude: number;
  longitude: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * How far a point lies outside the box earth_box(ll_to_earth(center), radius) spans, in metres
 * (negative: inside), computed in JS from cube/earthdistance's definitions: ll_to_earth gives
 * earth-centred x/y/z on a sphere of radius earth(), earth_box enlarges that point by `radius`
 * along each axis.
 */
function outsideBoxBy(earthRadius: number, center: { lat: number; lon: number }, radius: number) {
  const xyz = (lat: number, lon: number): [number, number, number] => {
    const φ = (lat * Math.PI) / 180;
    const λ = (lon * Math.PI) / 180;
    return [
      earthRadius * Math.cos(φ) * Math.cos(λ),
      earthRadius * Math.cos(φ) * Math.sin(λ),
      earthRadius * Math.sin(φ),
    ];
  };
  const c = xyz(center.lat, center.lon);
  return (lat: number, lon: number): number => {
    const p = xyz(lat, lon);
    return Math.max(...p.map((value, axis) => Math.abs(value - c[axis]))) - radius;
  };
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('candidate retrieval on 100,000 volunteers', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let request: HelpRequest;
  let volunteers: StoredVolunteer[];
  let alreadyAsked: Set<string>;
  let retrieval: { sql: string; parameters: unknown[]; candidates: CandidateVolunteer[] };
  let outsideBox: (lat: number, lon: number) => number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();

    await dataSource.transaction(async (manager) => {
      // Reproducible "random" points: the seed holds for this connection's transaction.
      await manager.query(`SELECT setseed(0.4711)`);
      await manager.query(
        `INSERT INTO volunteer (name, email, languages, language_codes, skills, postal_code, latitude, longitude,
                                district, max_travel_km, availability, status)
         SELECT 'Freiwillige ' || g, 'bulk-' || g || '@example.org', '[{"code":"de","level":"native"}]', '{de}',
                '{shopping}', '22765', 53.45 + random() * 0.20, 9.75 + random() * 0.40, 'Hamburg', 10, '[]',
                CASE WHEN g % 10 = 0 THEN 'paused' WHEN g % 25 = 1 THEN 'pending' WHEN g % 97 = 0 THEN 'inactive'
                     ELSE 'active' END
           FROM generate_series(1, $1::int) AS g`,
        [BULK_VOLUNTEERS],
      );
      await manager.query(
        `INSERT INTO volunteer (name, email, postal_code, latitude, longitude, max_travel_km, status)
         SELECT 'Weit weg ' || far.code, 'far-' || far.code || '@example.org', far.code, far.lat, far.lon, 10, 'active'
           FROM jsonb_to_recordset($1::jsonb) AS far(code text, lat float8, lon float8)`,
        [JSON.stringify(FAR_AWAY)],
      );
    });
    await dataSource.query('ANALYZE volunteer');

    // A request in Lübeck: its 50 km box takes in the north-east of the Hamburg cloud, not all of it.
    const lubeck = await dataSource.getRepository(PostalCode).findOneByOrFail({ code: '23552' });
    request = await dataSource.getRepository(HelpRequest).save({
      source: 'phone-intake',
      category: 'shopping',
      description: 'Einkauf',
      neededSkills: ['shopping'],
      schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:00' },
      status: 'matching',
      matchingRound: 1,
      postalCode: lubeck.code,
      latitude: lubeck.latitude,
      longitude: lubeck.longitude,
      district: lubeck.district,
    });

    const [{ radius }] = await dataSource.query(`SELECT earth() AS radius`);
    outsideBox = outsideBoxBy(
      Number(radius),
      { lat: request.latitude, lon: request.longitude },
      SEARCH_RADIUS_M,
    );
    volunteers = await dataSource.query(`SELECT id, email, status, latitude, longitude FROM volunteer`);

    // Volunteers already asked for this request, in every match status: none may come back.
    const askable = volunteers.filter(
      (v) => v.status === 'active' && outsideBox(v.latitude, v.longitude) < -1,
    );
    const asked = askable.filter((_, index) => index % 50 === 0).slice(0, 60);
    const statuses = ['proposed', 'approved', 'offered', 'accepted', 'declined', 'expired', 'withdrawn'];
    await dataSource.query(
      `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status)
       SELECT $1, volunteer_id, 50, ordinality, 40, '{}', ($3::text[])[ordinality % 7 + 1]
         FROM unnest($2::uuid[]) WITH ORDINALITY AS asked(volunteer_id, ordinality)`,
      [request.id, asked.map((v) => v.id), statuses],
    );
    alreadyAsked = new Set(asked.map((v) => v.id));

    // findCandidates as the worker calls it, recording the statement and parameters it sends.
    let sent: { sql: string; parameters: unknown[] } | undefined;
    const recording = {
      query: (sql: string, parameters: unknown[]) => {
        sent = { sql, parameters };
        return dataSource.manager.query(sql, parameters);
      },
    } as unknown as EntityManager;
    const candidates = await findCandidates(recording, request);
    if (!sent) {
      throw new Error('findCandidates sent no query');
    }
    retrieval = { ...sent, candidates };
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) {
      await dataSource.destroy();
    }
    await db?.drop();
  });

  it('should answer the search through the GiST index volunteer_location_gist', async () => {
    const [{ 'QUERY PLAN': plan }] = await dataSource.query(
      `EXPLAIN (FORMAT JSON) ${retrieval.sql}`,
      retrieval.parameters,
    );
    const nodes = planNodes(plan[0].Plan);
    const volunteerScans = nodes.filter((node) =>
      ['Index Scan', 'Index Only Scan', 'Bitmap Index Scan'].includes(node['Node Type']),
    );
    expect(volunteerScans.map((node) => node['Index Name'])).toContain('volunteer_location_gist');
    // The volunteer table is never read in full (the small match table may be, depending on its statistics).
    expect(
      nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'volunteer'),
    ).toEqual([]);
  });

  it('should return exactly the active volunteers inside the 50 km box who were not asked yet', () => {
    const { candidates } = retrieval;
    const requestPoint = { lat: request.latitude, lon: request.longitude };
    const byId = new Map(volunteers.map((v) => [v.id, v]));
    const returned = new Set(candidates.map((c) => c.id));
    expect(returned.size).toBe(candidates.length);

    // Within the box, give or take rounding; no point of the box lies more than 50·√3 km away.
    const wrong = candidates.filter((candidate) => {
      const stored = byId.get(candidate.id);
      return (
        stored?.status !== 'active' ||
        candidate.status !== 'active' ||
        alreadyAsked.has(candidate.id) ||
        outsideBox(candidate.home.lat, candidate.home.lon) >= 1 ||
        haversineKm(candidate.home, requestPoint) >= 50 * Math.sqrt(3)
      );
    });
    expect(wrong).toEqual([]);

    const missing = volunteers.filter(
      (v) =>
        v.status === 'active' &&
        !alreadyAsked.has(v.id) &&
        outsideBox(v.latitude, v.longitude) < -1 &&
        !returned.has(v.id),
    );
    expect(missing).toEqual([]);

    // Everyone within 50 km on the ground is inside the box; the far-away ones never are.
    const within50Km = volunteers.filter(
      (v) =>
        v.status === 'active' &&
        !alreadyAsked.has(v.id) &&
        haversineKm({ lat: v.latitude, lon: v.longitude }, requestPoint) <= 49.9,
    );
    expect(within50Km.length).toBeGreaterThan(1000);
    expect(within50Km.filter((v) => !returned.has(v.id))).toEqual([]);
    const farIds = volunteers.filter((v) => v.email.startsWith('far-')).map((v) => v.id);
    expect(farIds).toHaveLength(FAR_AWAY.length);
    expect(farIds.filter((id) => returned.has(id))).toEqual([]);

    // The box cuts through the Hamburg cloud: some of it is in reach of Lübeck, much of it is not.
    const activeInHamburg = volunteers.filter(
      (v) => v.status === 'active' && v.latitude > 53.4 && v.latitude < 53.7,
    );
    expect(candidates.length).toBeGreaterThan(1000);
    expect(candidates.length).toBeLessThan(activeInHamburg.length - 1000);
    expect(alreadyAsked.size).toBe(60);
  });
});
