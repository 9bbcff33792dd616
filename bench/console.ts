/**
 * `npm run bench:console`: a script, not a test. Seeds its own database with the city-dense scenario
 * (100,000 volunteers, 100,000 requests in a realistic mix of statuses, sources, urgencies and dates,
 * with help-seekers, ~300,000 proposals, emails and audit entries; all with generate_series), starts
 * the API, logs in like a browser and requests every console page N times over HTTP, then prints
 * p50/p95 per page; the requests list once per filter (target p95 ≤ 100 ms each). The time is measured at the client on loopback,
 * so it is the server's time plus a little HTTP. Drops its database afterwards.
 * Settings: BENCH_VOLUNTEERS (100000), BENCH_REQUESTS (100000), BENCH_N (200 per page); BENCH_KEEP=1
 * keeps the database for EXPLAIN (drop it yourself: dropdb nahbar_bench_console).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { createApiApp } from '../src/api-app';
import { runMigrations } from '../src/cli/database-setup';
import { loadConfig } from '../src/config/config';
import { importPostalCodes } from '../src/postal-codes/import-postal-codes';
import { hashPassword } from '../src/staff/staff-auth.service';
import {
  createRequests,
  dbUrl,
  dropDatabase,
  latencyLine,
  percentile,
  POINTS_SQL,
  RANDOM_SQL,
  recreateDatabase,
  sharedPostalCodesFile,
  VOLUNTEERS_SQL,
} from './city-scenario';

const BENCH_DB = 'nahbar_bench_console';
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const N = Number(process.env.BENCH_N ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const BUDGET_MS = 200;
/** The requests list filtered by any one filter. */
const FILTER_BUDGET_MS = 100;

/** A realistic desk: most requests are history, a few hundred wait for a human. */
const STATUS_MIX_SQL = `UPDATE help_request SET
    status = CASE WHEN r < 0.45 THEN 'done' WHEN r < 0.55 THEN 'cancelled' WHEN r < 0.70 THEN 'matched'
                  WHEN r < 0.75 THEN 'offered' WHEN r < 0.93 THEN 'proposals-ready' WHEN r < 0.97 THEN 'open'
                  ELSE 'matching' END,
    status_changed_at = now() - (r * interval '60 days'),
    matching_summary = CASE WHEN r >= 0.93 AND r < 0.97 THEN
      '{"at":"2026-11-01T10:00:00Z","eligible":0,"proposed":0,"exclusionCounts":{"language-missing":40,"outside-radius":12}}'::jsonb END
  FROM (SELECT id, bench_rand(hashtext(id::text), 31) AS r FROM help_request) x WHERE x.id = help_request.id`;

const HELP_SEEKERS_SQL = `WITH seekers AS (
    INSERT INTO help_seeker (name, phone, email, postal_code, preferred_contact)
    SELECT 'Hilfesuchende ' || r.id, '040 ' || (1000000 + row_number() OVER ())::text,
           CASE WHEN bench_rand(row_number() OVER (), 41) < 0.5 THEN 'hs-' || r.id || '@example.org' END,
           r.postal_code, CASE WHEN bench_rand(row_number() OVER (), 41) < 0.5 THEN 'email' ELSE 'phone' END
      FROM help_request r RETURNING id, name)
  UPDATE help_request r SET help_seeker_id = s.id FROM seekers s WHERE s.name = 'Hilfesuchende ' || r.id`;

/**
 * The requests list's variety: a year of history, appointments around it, urgencies, the four ways
 * in (phone, online, provider, call-back), descriptions worth searching.
 */
const LIST_MIX_SQL = `UPDATE help_request SET
    created_at = now() - (a * interval '365 days'),
    starts_at = now() - (a * interval '365 days') + (b * interval '21 days'),
    urgency = CASE WHEN b < 0.15 THEN 'high' WHEN b < 0.85 THEN 'normal' ELSE 'low' END,
    source = CASE WHEN c < 0.55 THEN 'phone-intake' WHEN c < 0.92 THEN 'public-form' ELSE 'provider' END,
    description = (ARRAY['Wocheneinkauf im Supermarkt', 'Begleitung zum Hausarzt', 'Besuch und Vorlesen',
                         'Hilfe mit dem Antrag', 'Tablet einrichten'])[1 + floor(c * 5)::int] || ' ' || description
  FROM (SELECT id, bench_rand(hashtext(id::text), 81) AS a, bench_rand(hashtext(id::text), 82) AS b,
               bench_rand(hashtext(id::text), 83) AS c FROM help_request) x WHERE x.id = help_request.id`;

/** About 3 % are requests completed by staff after a public call-back request. */
const CALL_BACKS_SQL = `UPDATE help_request SET source = 'call-back'
  WHERE bench_rand(hashtext(id::text), 84) < 0.03`;

/** Three or four proposals (or past offers) per active request (~300,000), from volunteers in the list. */
const MATCHES_SQL = `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, created_at, updated_at, offered_at, offer_expires_at)
  SELECT r.id, v.id, 90 - k * 5, k, 0.5 + k, $1::jsonb,
         CASE WHEN r.status IN ('matched', 'done') AND k = 1 THEN 'accepted'
              WHEN r.status = 'offered' AND k = 1 THEN 'offered'
              WHEN r.status = 'proposals-ready' AND k = 1 AND bench_rand(hashtext(r.id::text), 51) < 0.2 THEN 'declined'
              WHEN r.status IN ('proposals-ready') THEN 'proposed' ELSE 'withdrawn' END,
         r.status_changed_at, r.status_changed_at,
         CASE WHEN r.status = 'offered' AND k = 1 THEN r.status_changed_at END,
         CASE WHEN r.status = 'offered' AND k = 1 THEN r.status_changed_at + interval '48 hours' END
    FROM help_request r, generate_series(1, 4) k,
         bench_volunteer_idx v
   WHERE v.idx = 1 + abs(hashtext(r.id::text || k)) % $2
     AND r.status IN ('proposals-ready', 'offered', 'matched', 'done')
     AND (k <= 3 OR r.status <> 'done')
  ON CONFLICT DO NOTHING`;

const NOTIFICATIONS_SQL = `INSERT INTO notification (kind, subject_id, recipient, status, message_id, attempts, last_error, created_at, sent_at)
  SELECT 'volunteer-offer', m.id, 'bench@example.org',
         CASE WHEN bench_rand(hashtext(m.id::text), 61) < 0.02 THEN 'failed' ELSE 'sent' END,
         '<notification-' || m.id || '@nahbar>', 1,
         CASE WHEN bench_rand(hashtext(m.id::text), 61) < 0.02 THEN '550 mailbox unavailable' END,
         m.created_at, m.created_at
    FROM match m WHERE m.status IN ('offered', 'accepted', 'declined')`;

/** Staff opened about half the requests already ("new" are the others). */
const AUDIT_SQL = `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, at)
  SELECT $1, 'help-request.viewed', 'help-request', r.id::text, r.created_at + interval '5 minutes'
    FROM help_request r WHERE bench_rand(hashtext(r.id::text), 71) < 0.5`;

async function seed(dataSource: DataSource): Promise<void> {
  await dataSource.query(RANDOM_SQL);
  await dataSource.query(POINTS_SQL);
  const [{ points }] = await dataSource.query<{ points: number }[]>(
    `SELECT count(*)::int AS points FROM bench_point`,
  );
  for (let from = 1; from <= VOLUNTEERS; from += 100_000) {
    await dataSource.query(VOLUNTEERS_SQL, [from, Math.min(VOLUNTEERS, from + 99_999), points]);
  }
  for (let from = 0; from < REQUESTS; from += 50_000) {
    await createRequests(dataSource, Math.min(50_000, REQUESTS - from), from);
  }
  await dataSource.query(STATUS_MIX_SQL);
  await dataSource.query(LIST_MIX_SQL);
  await dataSource.query(CALL_BACKS_SQL);
  await dataSource.query(HELP_SEEKERS_SQL);
  const breakdown = Object.fromEntries(
    ['skills', 'distance', 'availability', 'language', 'continuity', 'fairness', 'responsiveness'].map(
      (criterion) => [
        criterion,
        {
          applicable: true,
          fit: 0.8,
          weight: 1 / 7,
          points: 11.4,
          explanation: { de: '1,2 km entfernt', en: '1.2 km away' },
        },
      ],
    ),
  );
  await dataSource.query(
    `CREATE TABLE bench_volunteer_idx AS SELECT row_number() OVER (ORDER BY id) AS idx, id FROM volunteer`,
  );
  await dataSource.query(`CREATE UNIQUE INDEX ON bench_volunteer_idx (idx)`);
  await dataSource.query(MATCHES_SQL, [JSON.stringify(breakdown), VOLUNTEERS]);
  await dataSource.query(NOTIFICATIONS_SQL);
  // A live database is vacuumed by autovacuum; the bulk updates above leave dead rows until then.
  await dataSource.query('VACUUM ANALYZE');
}

async function timeGets(baseUrl: string, cookie: string, paths: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const path = paths[i % paths.length];
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    await response.text();
    samples.push(performance.now() - started);
    if (response.status !== 200) {
      throw new Error(`${path} answered ${response.status}`);
    }
  }
  return samples;
}

async function main(): Promise<void> {
  console.log(
    `nahbar console benchmark — ${VOLUNTEERS.toLocaleString('en')} volunteers, ${REQUESTS.toLocaleString('en')} requests, ${N} GETs per page`,
  );
  const started = performance.now();
  await recreateDatabase(BENCH_DB);
  await runMigrations(dbUrl(BENCH_DB), (dataSource) =>
    importPostalCodes(dataSource, sharedPostalCodesFile()).then(() => undefined),
  );
  const prefix = `nahbar_bench_console_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    LINK_SECRET: 'bench-only-secret-bench-only-secret-0123',
    DATABASE_URL: dbUrl(BENCH_DB),
    QUEUE_PREFIX: prefix,
    MAIL_SINK_ENABLED: 'false',
  });
  const app = await createApiApp(config, { logger: ['error'] });
  await app.listen(PORT, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${PORT}`;
  try {
    const dataSource = app.get(DataSource);
    const [admin] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO staff_user (name, email, role, password_hash) VALUES ('Bench Admin', 'bench@agency.test', 'admin', $1) RETURNING id`,
      [await hashPassword('bench-password')],
    );
    await seed(dataSource);
    await dataSource.query(AUDIT_SQL, [admin.id]);
    await dataSource.query('ANALYZE audit_log');
    const [counts] = await dataSource.query<{ requests: number; matches: number; seekers: number }[]>(
      `SELECT (SELECT count(*)::int FROM help_request) AS requests, (SELECT count(*)::int FROM match) AS matches,
              (SELECT count(*)::int FROM help_seeker) AS seekers`,
    );
    console.log(
      `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.requests} requests, ${counts.matches} matches, ${counts.seekers} help-seekers`,
    );

    const login = await fetch(`${baseUrl}/api/staff/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench@agency.test', password: 'bench-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const cookie = `nahbar_staff=${token}`;
    const requestIds = (
      await dataSource.query<{ id: string }[]>(
        `SELECT id FROM help_request WHERE status = 'proposals-ready' ORDER BY id LIMIT 50`,
      )
    ).map((row) => row.id);
    const volunteerIds = (
      await dataSource.query<{ id: string }[]>(`SELECT id FROM volunteer ORDER BY id LIMIT 50`)
    ).map((row) => row.id);
    const [{ district }] = await dataSource.query<{ district: string }[]>(
      `SELECT district FROM volunteer WHERE district IS NOT NULL GROUP BY district ORDER BY count(*) DESC LIMIT 1`,
    );
    const [provider] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO provider (name, contact_person, email, street_address, postal_code, latitude, longitude, district)
       VALUES ('Bench Träger', 'Bench', 'traeger@example.org', 'Große Bergstraße 1', '22767', 53.55, 9.95, 'Altona-Altstadt') RETURNING id`,
    );
    const [{ requestDistrict, requestPostalCode }] = await dataSource.query<
      { requestDistrict: string; requestPostalCode: string }[]
    >(
      `SELECT district AS "requestDistrict", min(postal_code) AS "requestPostalCode" FROM help_request
        WHERE district IS NOT NULL GROUP BY district ORDER BY count(*) DESC LIMIT 1`,
    );
    const seekers = await dataSource.query<{ id: string; name: string }[]>(
      `SELECT s.id, s.name FROM help_seeker s WHERE EXISTS (SELECT 1 FROM help_request r WHERE r.help_seeker_id = s.id AND r.status = 'done')
        ORDER BY s.id LIMIT 50`,
    );
    const seekerIds = seekers.map((row) => row.id);
    // A part of a name as staff type it: "Hilfesuchende 3f2a1" (the name holds the request's id).
    const seekerNames = seekers.slice(0, 10).map((row) => row.name.slice(14, 20));
    const day = (daysAgo: number): string =>
      new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    /** The requests list, unfiltered and by each filter (and each sort). */
    const filterPages: [string, string[]][] = [
      ['status = offered', ['/console/requests?status=offered']],
      ['status = done', ['/console/requests?status=done']],
      ['district', [`/console/requests?status=all&district=${encodeURIComponent(requestDistrict)}`]],
      ['category', ['/console/requests?status=all&category=paperwork']],
      ['urgency = high', ['/console/requests?status=all&urgency=high']],
      ['source = online', ['/console/requests?status=all&source=online']],
      ['source = phone', ['/console/requests?status=all&source=phone']],
      ['source = provider', ['/console/requests?status=all&source=provider']],
      ['source = call-back', ['/console/requests?status=all&source=call-back']],
      ['needed language = fa', ['/console/requests?status=all&language=fa']],
      ['created in a month', [`/console/requests?status=all&createdFrom=${day(120)}&createdTo=${day(90)}`]],
      ['appointment in a week', [`/console/requests?status=all&startsFrom=${day(60)}&startsTo=${day(53)}`]],
      ['text: name', seekerNames.map((name) => `/console/requests?status=all&q=${encodeURIComponent(name)}`)],
      [
        'text: description',
        ['/console/requests?status=all&q=Tablet%20einrichten%20Benchmark%20request%201234'],
      ],
      ['open work, sort appointment', ['/console/requests?sort=appointment']],
      ['open work, sort urgency', ['/console/requests?sort=urgency']],
      ['open work, sort waiting', ['/console/requests?sort=waiting']],
      [
        'district + category + urgency',
        [
          `/console/requests?status=all&district=${encodeURIComponent(requestDistrict)}&category=visiting&urgency=normal`,
        ],
      ],
    ];
    const requestListPages: [string, string[]][] = [
      ['Anfragen, open work (default)', ['/console/requests']],
      ['Anfragen, all, page 20', ['/console/requests?status=all&page=20']],
      ...filterPages.map(([label, paths]): [string, string[]] => [`Anfragen, ${label}`, paths]),
    ];
    const filterLabels = new Set(filterPages.map(([label]) => `Anfragen, ${label}`));
    const pages: [string, string[]][] = [
      ['Heute', ['/console']],
      ['Anfrage (request detail)', requestIds.map((id) => `/console/requests/${id}`)],
      ['Telefonannahme (intake form)', ['/console/intake']],
      ['Freiwillige, no filter', ['/console/volunteers']],
      ['Freiwillige, page 20', ['/console/volunteers?page=20']],
      [
        'Freiwillige, language + district',
        [`/console/volunteers?language=tr&district=${encodeURIComponent(district)}`],
      ],
      [
        'Freiwillige, skill + weekday + certificate',
        ['/console/volunteers?skill=accompaniment&weekday=2&certificate=valid'],
      ],
      ['Freiwillige, name search', ['/console/volunteers?q=bench%2012', '/console/volunteers?q=bench-777']],
      ['Freiwillige, rare language + status', ['/console/volunteers?language=ckb&status=paused']],
      ['Freiwillige/r (profile)', volunteerIds.map((id) => `/console/volunteers/${id}`)],
      ['Freiwillige, field of interest', ['/console/volunteers?interest=SEN']],
      ['Freiwillige, assignments this week', ['/console/volunteers?thisWeek=1']],
      ['Woche (week view)', ['/console/week']],
      ['Fallblatt (case sheet)', requestIds.map((id) => `/console/requests/${id}/sheet`)],
      ['Hilfesuchende zurückrufen', ['/console/call-backs']],
      ['Träger', ['/console/providers']],
      ...requestListPages,
      ['Hilfesuchende, no search', ['/console/help-seekers']],
      ['Hilfesuchende, page 20', ['/console/help-seekers?page=20']],
      [
        'Hilfesuchende, name',
        seekerNames.map((name) => `/console/help-seekers?q=${encodeURIComponent(name)}`),
      ],
      [
        'Hilfesuchende, phone digits',
        ['/console/help-seekers?q=040%201000123', '/console/help-seekers?q=1077777'],
      ],
      ['Hilfesuchende, postal code', [`/console/help-seekers?q=${requestPostalCode}`]],
      ['Hilfesuchende, email part', ['/console/help-seekers?q=hs-1a2', '/console/help-seekers?q=hs-ff0']],
      ['Hilfesuchende/r (profile)', seekerIds.map((id) => `/console/help-seekers/${id}`)],
      ['Träger (edit)', [`/console/providers/${provider.id}`]],
      ['E-Mails', ['/console/mail']],
      ['Einstellungen', ['/console/settings']],
    ];
    // Warm-up: first requests compile queries and fill the pool; not counted.
    for (const [, paths] of pages) {
      await fetch(`${baseUrl}${paths[0]}`, { headers: { cookie } }).then((response) => response.text());
    }
    let worst = 0;
    let worstFilter = 0;
    for (const [label, paths] of pages) {
      const samples = await timeGets(baseUrl, cookie, paths);
      const p95 = percentile(
        [...samples].sort((a, b) => a - b),
        95,
      );
      worst = Math.max(worst, p95);
      if (filterLabels.has(label)) {
        worstFilter = Math.max(worstFilter, p95);
      }
      console.log(`  ${latencyLine(label.padEnd(46), samples)}`);
    }
    console.log(
      `\nworst p95 ${worst.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${worst <= BUDGET_MS ? 'within budget' : 'OVER BUDGET'}`,
    );
    console.log(
      `worst p95 of the requests list by one filter ${worstFilter.toFixed(1)} ms (budget ${FILTER_BUDGET_MS} ms): ${worstFilter <= FILTER_BUDGET_MS ? 'within budget' : 'OVER BUDGET'}`,
    );
  } finally {
    await app.close();
    if (!process.env.BENCH_KEEP) {
      await dropDatabase(BENCH_DB);
    }
    await deleteQueueKeys(prefix);
  }
}

async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
