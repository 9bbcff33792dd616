import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { createApiApp } from '../api-app';
import { HelpRequestsService } from '../help-seekers/help-requests.service';
import { startMailSink } from '../notifications/mail-sink';
import { ProvidersService } from '../providers/providers.service';
import { hashPassword, type AuthenticatedStaff } from '../staff/staff-auth.service';
import { StaffUser } from '../staff/staff-user.entity';
import { VolunteersService } from '../volunteers/volunteers.service';
import { WorkerModule } from '../worker.module';
import { ensureDatabaseExists, runMigrations } from './database-setup';
import {
  ALTONA_POSTAL_CODES,
  DEMO_PROVIDERS,
  DEMO_STAFF,
  demoOpportunities,
  demoRequests,
  demoVolunteers,
} from './demo-agency';
import { HourEntry } from '../hours/hour-entry.entity';
import { reviewByDate } from '../opportunities/domain/opportunity-status';
import { Opportunity } from '../opportunities/opportunity.entity';
import { PlacementStagesService } from '../placements/placement-stages.service';
import { Provider } from '../providers/provider.entity';
import { Volunteer } from '../volunteers/volunteer.entity';
import { AdvisoryInterviewsService } from '../volunteers/advisory-interviews.service';
import { addDays, berlinDateOf } from '../shared/berlin-time';
import { formatImportReport } from '../postal-codes/import-postal-codes';
import { runPostalCodeImport } from './import-postal-codes';
import { demoEnv, formatWelcome } from './demo-banner';
import type { AddressInfo } from 'node:net';

/**
 * `npm run demo`: one command from a fresh clone to a running agency. Migrates, imports postal
 * codes, loads the Altona demo agency once, and runs mail sink, API and worker in this process.
 */
async function main(): Promise<void> {
  const config = loadConfig(demoEnv(process.env));
  if (await ensureDatabaseExists(config.DATABASE_URL)) {
    console.log('created the database');
  }
  const applied = await runMigrations(config.DATABASE_URL, async (dataSource) => {
    console.log(formatImportReport(await runPostalCodeImport(dataSource)));
  });
  console.log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'schema is up to date');

  if (config.MAIL_SINK_ENABLED) {
    await startMailSink({ port: config.SMTP_PORT, dir: config.MAIL_SINK_DIR });
  }
  const api = await createApiApp(config);
  await api.listen(config.PORT);
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  await worker.init();
  worker.enableShutdownHooks();

  const seeded = await seedDemoAgency(api);
  const { port } = (api.getHttpServer() as { address(): AddressInfo }).address();
  console.log(formatWelcome(config, port, seeded, DEMO_STAFF));
}

async function seedDemoAgency(api: INestApplication): Promise<boolean> {
  const staffUsers = api.get(DataSource).getRepository(StaffUser);
  if ((await staffUsers.count()) > 0) {
    return false; // seeded on an earlier run; keep what people changed since
  }
  const [coordinator] = await Promise.all(
    DEMO_STAFF.map(async ({ password, ...user }) =>
      staffUsers.save({ ...user, passwordHash: await hashPassword(password) }),
    ),
  );
  const staff: AuthenticatedStaff = {
    id: coordinator.id,
    name: coordinator.name,
    email: coordinator.email,
    role: coordinator.role,
  };
  const providers = api.get(ProvidersService);
  for (const provider of DEMO_PROVIDERS) {
    await providers.register(provider, staff);
  }
  const volunteers = api.get(VolunteersService);
  for (const { certificateInspectedOn, phone, ...volunteer } of demoVolunteers()) {
    // Demo volunteers: addresses verified at the desk (no opt-in emails to fake addresses) and no
    // quiet hours, so offers reach the demo mailbox whenever the demo runs.
    const created = await volunteers.register(
      { ...volunteer, phone: phone ?? undefined, emailVerifiedByStaff: true, quietHours: null },
      staff,
    );
    if (certificateInspectedOn) {
      await volunteers.recordCertificate(created.id, { inspectedOn: certificateInspectedOn }, staff);
    }
  }
  const helpRequests = api.get(HelpRequestsService);
  for (const request of demoRequests(new Date())) {
    await helpRequests.recordPhoneIntake(
      {
        ...request,
        neededLanguage: request.neededLanguage ?? undefined,
        helpSeeker: { ...request.helpSeeker, phone: request.helpSeeker.phone ?? undefined },
        consent: { dataProcessing: true },
      },
      staff,
    );
  }
  await seedPlacements(api, staff);
  await seedHistory(api.get(DataSource));
  return true;
}

/**
 * A year of past work, so the reports have months to show (the requests above are all from today):
 * about 150 closed requests with their offers and answers, placements started and ended, advisory
 * interviews and approved hours, spread over the twelve months before today. Deterministic (no
 * random()): the same on every machine.
 */
async function seedHistory(dataSource: DataSource): Promise<void> {
  const volunteers = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id FROM volunteer WHERE status = 'active' ORDER BY created_at, id OFFSET 6 LIMIT 40`,
    )
  ).map((row) => row.id);
  const opportunities = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id FROM opportunity WHERE status = 'published' ORDER BY created_at, id`,
    )
  ).map((row) => row.id);
  if (volunteers.length < 20 || opportunities.length === 0) {
    return;
  }
  await dataSource.transaction(async (db) => {
    await db.query(
      `INSERT INTO help_seeker (name, postal_code, preferred_contact, priority_groups, created_at)
       SELECT 'Früher ' || g, ($1::text[])[1 + g % cardinality($1::text[])], 'phone',
              (ARRAY['{older-people}', '{}', '{migration-background}', '{older-people,disability}', '{}'])[1 + g % 5]::text[],
              now() - (370 - g * 6) * interval '1 day'
         FROM generate_series(1, 60) g`,
      [ALTONA_POSTAL_CODES],
    );
    await db.query(
      `WITH seekers AS (SELECT id, postal_code, row_number() OVER (ORDER BY created_at, id) AS n
                          FROM help_seeker WHERE name LIKE 'Früher %'),
       requests AS (
         SELECT g, s.id AS seeker, s.postal_code,
                now() - (360 - g * 2.3) * interval '1 day' + (g % 7) * interval '1 hour' AS created,
                (ARRAY['shopping','doctor-accompaniment','visiting','paperwork','digital-help','walk'])[1 + g % 6] AS category,
                (ARRAY['phone-intake','public-form','phone-intake','provider'])[1 + g % 4] AS source,
                CASE WHEN g % 10 < 7 THEN 'done' WHEN g % 10 = 7 THEN 'cancelled' ELSE 'unfulfilled' END AS status
           FROM generate_series(1, 150) g JOIN seekers s ON s.n = 1 + g % 60)
       INSERT INTO help_request (help_seeker_id, source, category, description, postal_code, latitude, longitude,
                                 district, schedule, status, created_at, status_changed_at, matched_at, closed_at, close_reason)
       SELECT r.seeker, r.source, r.category, 'Erledigte Anfrage aus dem letzten Jahr', r.postal_code, p.latitude, p.longitude,
              p.district, jsonb_build_object('kind', 'one-off', 'date', to_char(r.created + interval '4 days', 'YYYY-MM-DD'),
                                             'start', '10:00', 'end', '11:30'),
              r.status, r.created, r.created + interval '6 days',
              CASE WHEN r.status = 'done' THEN r.created + (6 + r.g % 40) * interval '1 hour' END,
              r.created + interval '6 days',
              CASE WHEN r.status = 'unfulfilled' THEN (ARRAY['nobody-fits','came-too-late','help-seeker-unreachable'])[1 + r.g % 3] END
         FROM requests r JOIN postal_code p ON p.code = r.postal_code`,
    );
    // Each request was offered to two volunteers: the first took the done ones, the second declined
    // or let the offer expire.
    await db.query(
      `WITH past AS (SELECT id, created_at, matched_at, row_number() OVER (ORDER BY created_at, id) AS n
                       FROM help_request WHERE description = 'Erledigte Anfrage aus dem letzten Jahr')
       INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at, responded_at)
       SELECT r.id, ($1::uuid[])[1 + ((r.n * 7 + k) % cardinality($1::uuid[]))], 80 - k * 10, k, 1.5, '{}',
              CASE WHEN k = 1 AND r.matched_at IS NOT NULL THEN 'accepted' WHEN (r.n + k) % 3 = 0 THEN 'expired' ELSE 'declined' END,
              r.created_at + k * interval '2 hours',
              CASE WHEN k = 1 AND r.matched_at IS NOT NULL THEN r.matched_at
                   WHEN (r.n + k) % 3 <> 0 THEN r.created_at + k * interval '5 hours' END
         FROM past r CROSS JOIN generate_series(1, 2) k`,
      [volunteers],
    );
    await db.query(
      `INSERT INTO advisory_interview (volunteer_id, held_on)
       SELECT ($1::uuid[])[1 + g % cardinality($1::uuid[])], (now() - (350 - g * 12) * interval '1 day')::date
         FROM generate_series(1, 28) g`,
      [volunteers],
    );
    await db.query(
      `INSERT INTO placement (volunteer_id, opportunity_id, source, stage, proposed_at, started_on, ended_on, created_at)
       SELECT ($1::uuid[])[20 + g], ($2::uuid[])[1 + g % cardinality($2::uuid[])],
              CASE WHEN g % 3 = 0 THEN 'public-interest' ELSE 'staff' END,
              CASE WHEN x.ended IS NOT NULL THEN 'ended' ELSE 'started' END,
              x.proposed, (x.proposed + interval '12 days')::date, x.ended, x.proposed - interval '5 days'
         FROM generate_series(1, 16) g
         CROSS JOIN LATERAL (SELECT now() - (340 - g * 18) * interval '1 day' AS proposed) y
         CROSS JOIN LATERAL (SELECT y.proposed,
                CASE WHEN g % 4 = 0 AND y.proposed + interval '100 days' < now() THEN (y.proposed + interval '100 days')::date END AS ended) x
        WHERE cardinality($1::uuid[]) >= 20 + g`,
      [volunteers, opportunities],
    );
    await db.query(
      `INSERT INTO hour_entry (volunteer_id, placement_id, worked_on, minutes, activity, status, entered_by)
       SELECT p.volunteer_id, p.id, d::date, 90 + (extract(day FROM d)::int % 4) * 30, 'Einsatz', 'approved', 'volunteer'
         FROM placement p
         CROSS JOIN LATERAL generate_series(p.started_on, least(p.ended_on, current_date - 1), interval '14 days') d
        WHERE p.started_on < current_date`,
    );
  });
}

/**
 * The hosts' opportunities, and a few volunteers on their way into them, one at each stage, so the
 * placement board, the host page and the reports have something to show.
 */
async function seedPlacements(api: INestApplication, staff: AuthenticatedStaff): Promise<void> {
  const dataSource = api.get(DataSource);
  const today = new Date();
  const hosts = await dataSource.getRepository(Provider).find({ order: { createdAt: 'ASC' } });
  const byName = new Map(hosts.map((host) => [host.name, host]));
  const opportunities: Opportunity[] = [];
  for (const [index, { provider, ...opportunity }] of demoOpportunities(today).entries()) {
    const host = byName.get(DEMO_PROVIDERS[provider].name)!;
    const waitingForReview = index === 10;
    opportunities.push(
      await dataSource.getRepository(Opportunity).save({
        ...opportunity,
        providerId: host.id,
        postalCode: opportunity.remote ? null : host.postalCode,
        latitude: opportunity.remote ? null : host.latitude,
        longitude: opportunity.remote ? null : host.longitude,
        district: opportunity.remote ? null : host.district,
        streetAddress: opportunity.remote ? null : host.streetAddress,
        contactName: host.contactPerson,
        status: waitingForReview ? 'in-review' : 'published',
        submittedBy: waitingForReview ? 'host' : 'staff',
        publishedAt: waitingForReview ? null : today,
        // One offer's confirmation is due in a few days: the host gets the review reminder.
        reviewBy: index === 2 ? addDays(berlinDateOf(today), 5) : reviewByDate(berlinDateOf(today), 3),
      }),
    );
  }
  const volunteers = await dataSource
    .getRepository(Volunteer)
    .find({ where: { status: 'active' }, order: { createdAt: 'ASC' }, take: 6 });
  const stages = api.get(PlacementStagesService);
  const interviews = api.get(AdvisoryInterviewsService);
  const path = ['interested', 'advised', 'proposed', 'host-contacted', 'trial', 'started'] as const;
  for (const [index, volunteer] of volunteers.entries()) {
    const opportunity = opportunities[[0, 5, 3, 9, 7, 11][index]];
    const interview =
      index >= 1
        ? await interviews.record(
            volunteer.id,
            {
              heldOn: berlinDateOf(today),
              motivation: 'Möchte sich im Stadtteil engagieren.',
              timeBudget: '2 Stunden pro Woche',
              interests: opportunity.fieldsOfActivity,
            },
            staff,
          )
        : null;
    const { placement } = await stages.open({
      volunteerId: volunteer.id,
      opportunityId: opportunity.id,
      source: index === 0 ? 'public-interest' : 'staff',
      stage: index === 0 ? 'interested' : 'advised',
      advisoryInterviewId: interview?.id ?? null,
      staff: index === 0 ? null : staff,
    });
    for (const stage of path.slice(2, index + 1)) {
      await stages.move(placement.id, stage, {
        actor: stage === 'proposed' ? 'staff' : 'host',
        staff: stage === 'proposed' ? staff : null,
      });
    }
    if (index === 5) {
      await dataSource.getRepository(HourEntry).save({
        volunteerId: volunteer.id,
        placementId: placement.id,
        workedOn: berlinDateOf(today),
        minutes: 240,
        activity: opportunity.title,
        status: 'approved',
        enteredBy: 'staff',
        enteredByStaffId: staff.id,
        reviewedByStaffId: staff.id,
        reviewedAt: today,
      });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
