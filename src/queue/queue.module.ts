import { Global, Module } from '@nestjs/common';
import { JobQueues } from './job-queues.service';
import { OutboxService } from './outbox.service';

@Global()
@Module({
  providers: [JobQueues, OutboxService],
  exports: [JobQueues, OutboxService],
})
export class QueueModule {}
