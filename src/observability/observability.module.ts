import { Global, Module } from '@nestjs/common';
import { HttpMetrics, MetricsRegistry } from './http-metrics.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { QueueStatusService } from './queue-status.service';
import { SystemStatusQueries } from './system-status.queries';
import { SystemStatusService } from './system-status.service';

/**
 * The API's view of the running installation: /metrics and the console's system page. Global, like
 * the queue module it reads, so src/web/console gets SystemStatusService without importing it.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsRegistry,
    HttpMetrics,
    MetricsService,
    QueueStatusService,
    SystemStatusQueries,
    SystemStatusService,
  ],
  exports: [HttpMetrics, SystemStatusService],
})
export class ObservabilityModule {}
