import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthProbe } from './health-probe.service';

/** The API's health routes: /api/health (strict), /api/health/live, /api/health/ready. */
@Module({
  controllers: [HealthController],
  providers: [HealthProbe],
})
export class HealthModule {}
