import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAppLogger } from './common/app-logger';
import { loadConfig } from './config/config';
import { WorkerModule } from './worker.module';

/** Runs the BullMQ processors without an HTTP server; start more of these to scale. */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createAppLogger(config),
  });
  app.enableShutdownHooks();
  new Logger('nahbar').log('worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
