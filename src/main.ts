import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from './config/config';
import { createApiApp } from './api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT);
  new Logger('nahbar').log(`API on ${config.PUBLIC_BASE_URL} (docs at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
