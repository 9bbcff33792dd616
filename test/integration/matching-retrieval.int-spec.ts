import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import {
  DEFAULT_RETRIEVAL_LIMITS,
  findCandidates,
  findCandidatesForBatch,
  RetrievalRequest,
} from '../../src/matching/candidate-retrieval';
import type { CandidateVolunteer } from '../../src/matching/domain/types';
import { PostalCode } from '../../src/postal-codes/postal-code.entity';
import { daysAhead } from '../factories/api-bodies.factory';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const BULK_VOLUNTEERS = 100_000;

/** Volunteers far away from Hamburg, by postal code: Bremen, Berlin, München. */
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
  max_travel_km: number;
  skills: string[];
  sundays_only: boolean;
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

/** A Tuesday some days ahead: the bulk volunteers are free then, the Sunday-only ones are not. */
function nextTuesday(): string {
  for (let days = 2; ; days += 1) {
    const date = daysAhead(days);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === 2) {
      return date;
    }
  }
}

const at = (v: StoredVolunteer) => ({ lat: v.latitude, lon: v.longitude });

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
  let retrievalRequestUsed: RetrievalRequest;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();

    await dataSource.transaction(async (manager) => {
      // Reproducible "random" points: the seed holds for this connection's transaction.
      await manager.query(`SELECT setseed(0.4711)`);
      await manager.query(
        `INSERT INTO volunteer (name, email, languages, language_codes, skills, postal_code, latitude, longitude,
                                district, max_travel_km, availability, status, email_confirmed_at)
         SELECT 'Freiwillige ' || g, 'bulk-' || g || '@example.org', '[{"code":"de","level":"native"}]', '{de}',
                CASE WHEN g % 3 = 0 THEN '{shopping}'::text[] ELSE '{visiting}'::text[] END,
                '22765', 53.45 + random() * 0.20, 9.75 + random() * 0.40, 'Hamburg',
                (ARRAY[1, 2, 5, 10])[1 + g % 4],
                -- every seventh volunteer is free only on Sundays, so not when help is needed (a Tuesday to Saturday)
                CASE WHEN g % 7 = 0 THEN '[{"weekday":7,"start":"08:00","end":"20:00"}]'::jsonb
                     ELSE '[{"weekday":1,"start":"08:00","end":"20:00"},{"weekday":2,"start":"08:00","end":"20:00"},{"weekday":3,"start":"08:00","end":"20:00"},{"weekday":4,"start":"08:00","end":"20:00"},{"weekday":5,"start":"08:00","end":"20:00"},{"weekday":6,"start":"08:00","end":"20:00"}]'::jsonb END,
                CASE WHEN g % 10 = 0 THEN 'paused' WHEN g % 25 = 1 THEN 'pending' WHEN g % 97 = 0 THEN 'inactive'
                     ELSE 'active' END,
                now()
           FROM generate_series(1, $1::int) AS g`,
        [BULK_VOLUNTEERS],
      );
      await manager.query(
        `INSERT INTO volunteer (name, email, postal_code, latitude, longitude, max_travel_km, status, skills, email_confirmed_at)
         SELECT 'Weit weg ' || far.code, 'far-' || far.code || '@example.org', far.code, far.lat, far.lon, 50, 'active', '{shopping}', now()
           FROM jsonb_to_recordset($1::jsonb) AS far(code text, lat float8, lon float8)`,
        [JSON.stringify(FAR_AWAY)],
      );
    });
    await dataSource.query('ANALYZE volunteer');

    const ottensen = await dataSource.getRepository(PostalCode).findOneByOrFail({ code: '22765' });
    request = await dataSource.getRepository(HelpRequest).save({
      source: 'phone-intake',
      category: 'shopping',
      description: 'Einkauf',
      neededSkills: ['shopping'],
      schedule: { kind: 'one-off', date: nextTuesday(), start: '10:00', end: '11:00' },
      status: 'matching',
      matchingRound: 1,
      postalCode: ottensen.code,
      latitude: ottensen.latitude,
      longitude: ottensen.longitude,
      district: ottensen.district,
    });
    volunteers = await dataSource.query(
      `SELECT id, email, status, latitude, longitude, max_travel_km, skills,
              availability @> '[{"weekday":7}]' AND jsonb_array_length(availability) = 1 AS sundays_only
         FROM volunteer`,
    );

    // Some of the nearest volunteers were already asked for this request, in every match status.
    const point = { lat: request.latitude, lon: request.longitude };
    const nearest = volunteers
      .filter((v) => v.status === 'active')
      .sort((a, b) => haversineKm(at(a), point) - haversineKm(at(b), point))
      .slice(0, 300);
    const asked = nearest.filter((_, index) => index % 5 === 0);
    const statuses = ['proposed', 'approved', 'offered', 'accepted', 'declined', 'expired', 'withdrawn'];
    await dataSource.query(
      `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status)
       SELECT $1, volunteer_id, 50, ordinality, 1, '{}', ($3::text[])[ordinality % 7 + 1]
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
    const retrievalRequest: RetrievalRequest = {
      id: request.id,
      latitude: request.latitude,
      longitude: request.longitude,
      helpSeekerId: null,
      neededLanguage: null,
      relatedSkills: ['shopping'],
      schedule: request.schedule,
    };
    retrievalRequestUsed = retrievalRequest;
    const candidates = await findCandidates(recording, retrievalRequest, new Date());
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

  it('should walk the volunteers nearest-first through the GiST index, never the whole table', async () => {
    const [{ 'QUERY PLAN': plan }] = await dataSource.query(
      `EXPLAIN (FORMAT JSON) ${retrieval.sql}`,
      retrieval.parameters,
    );
    const nodes = planNodes(plan[0].Plan);
    const indexScans = nodes.filter((node) => node['Node Type'] === 'Index Scan');
    expect(indexScans.map((node) => node['Index Name'])).toContain('volunteer_active_location_gist');
    expect(
      nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'volunteer'),
    ).toEqual([]);
  });

  it('should return the nearest active, not yet asked volunteers within their own radius', () => {
    const point = { lat: request.latitude, lon: request.longitude };
    const byId = new Map(volunteers.map((v) => [v.id, v]));
    const returned = new Set(retrieval.candidates.map((c) => c.id));
    expect(returned.size).toBe(retrieval.candidates.length);

    // Nothing that breaks status, availability, "already asked" or the volunteer's own radius (0.1 %
    // slack for the chord distance the index uses against the great-circle distance here).
    const wrong = retrieval.candidates.filter((candidate) => {
      const stored = byId.get(candidate.id)!;
      return (
        stored.status !== 'active' ||
        stored.sundays_only ||
        alreadyAsked.has(candidate.id) ||
        haversineKm(at(stored), point) > stored.max_travel_km * 1.001
      );
    });
    expect(wrong).toEqual([]);

    // The pool is the nearest eligible volunteers, plus the nearest who bring the needed skill.
    const eligible = volunteers
      .filter(
        (v) =>
          v.status === 'active' &&
          !v.sundays_only &&
          !alreadyAsked.has(v.id) &&
          haversineKm(at(v), point) <= v.max_travel_km * 0.999,
      )
      .sort((a, b) => haversineKm(at(a), point) - haversineKm(at(b), point));
    const pool = DEFAULT_RETRIEVAL_LIMITS.poolSize;
    const nearestAny = eligible.slice(0, pool - 10);
    const nearestSkilled = eligible.filter((v) => v.skills.includes('shopping')).slice(0, pool - 10);
    expect(nearestAny.filter((v) => !returned.has(v.id))).toEqual([]);
    expect(nearestSkilled.filter((v) => !returned.has(v.id))).toEqual([]);
    expect(retrieval.candidates.length).toBeLessThanOrEqual(2 * pool);
    expect(retrieval.candidates.length).toBeGreaterThan(pool);

    const farIds = volunteers.filter((v) => v.email.startsWith('far-')).map((v) => v.id);
    expect(farIds).toHaveLength(FAR_AWAY.length);
    expect(farIds.filter((id) => returned.has(id))).toEqual([]);
    expect(alreadyAsked.size).toBe(60);
  });

  it('should retrieve each request of a batch exactly as if it were alone', async () => {
    const now = new Date();
    // Different places, a needed language (one walk), no skills at all, and the request above.
    const batch: RetrievalRequest[] = [
      retrievalRequestUsed,
      {
        ...retrievalRequestUsed,
        id: randomUUID(),
        latitude: 53.5611,
        longitude: 9.9619,
        neededLanguage: 'de',
      },
      { ...retrievalRequestUsed, id: randomUUID(), latitude: 53.5503, longitude: 10.0006, relatedSkills: [] },
      { ...retrievalRequestUsed, id: randomUUID(), relatedSkills: ['accompaniment.doctor'] },
    ];
    const together = await findCandidatesForBatch(dataSource.manager, batch, now);
    expect(together).toHaveLength(batch.length);
    for (const [index, request] of batch.entries()) {
      const alone = await findCandidates(dataSource.manager, request, now);
      const ids = (pool: CandidateVolunteer[]) => pool.map((candidate) => candidate.id).sort();
      expect(alone.length).toBeGreaterThan(0);
      expect(ids(together[index])).toEqual(ids(alone));
    }
    // The request the others' volunteers were already asked for keeps excluding them in the batch.
    expect(together[0].filter((candidate) => alreadyAsked.has(candidate.id))).toEqual([]);
  });
});
