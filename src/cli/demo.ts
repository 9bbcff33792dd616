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
import { DEMO_PROVIDERS, DEMO_STAFF, demoRequests, demoVolunteers } from './demo-agency';
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
  return true;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
