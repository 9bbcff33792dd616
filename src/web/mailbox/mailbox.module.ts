import { DynamicModule, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { MAIL_SINK_DIR } from '../../notifications/mail-sink';
import { MailboxController } from './mailbox.controller';

/** The demo mailbox pages; only mounted when MAIL_SINK_ENABLED (there is no real mail server). */
@Module({})
export class MailboxModule {
  static forDirectory(dir: string): DynamicModule {
    return {
      module: MailboxModule,
      controllers: [MailboxController],
      providers: [{ provide: MAIL_SINK_DIR, useValue: resolve(dir) }],
    };
  }
}
