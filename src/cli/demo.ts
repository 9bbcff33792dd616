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
import { DEMO_PROVIDERS, DEMO_STAFF, demoOpportunities, demoRequests, demoVolunteers } from './demo-agency';
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
  return true;
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
