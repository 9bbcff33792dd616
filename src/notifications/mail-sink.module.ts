import { DynamicModule, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { MAIL_SINK_DIR } from './mail-sink';
import { MailSinkController } from './mail-sink.controller';

/** The demo mailbox page; only mounted when MAIL_SINK_ENABLED (there is no real mail server). */
@Module({})
export class MailSinkModule {
  static forDirectory(dir: string): DynamicModule {
    return {
      module: MailSinkModule,
      controllers: [MailSinkController],
      providers: [{ provide: MAIL_SINK_DIR, useValue: resolve(dir) }],
    };
  }
}
