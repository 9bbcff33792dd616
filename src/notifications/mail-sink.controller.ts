import {
  Catch,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { listSinkMessages, MAIL_SINK_DIR, readSinkMessage } from './mail-sink';
import { renderMailboxPage, renderMessageNotFoundPage, renderMessagePage } from './mail-sink.pages';

/** Nest's default filter answers in JSON; a person in a browser should get a page. */
@Catch(NotFoundException)
export class MailSinkNotFoundFilter implements ExceptionFilter {
  catch(_exception: NotFoundException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(404)
      .type('text/html; charset=utf-8')
      .send(renderMessageNotFoundPage());
  }
}

/** Demo mailbox: shows what the mail sink received. Register only when the sink is enabled. */
@Controller('demo/mail')
@UseFilters(MailSinkNotFoundFilter)
export class MailSinkController {
  constructor(@Inject(MAIL_SINK_DIR) private readonly dir: string) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async list(): Promise<string> {
    return renderMailboxPage(await listSinkMessages(this.dir));
  }

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('id') id: string): Promise<string> {
    const message = await readSinkMessage(this.dir, id);
    if (!message) {
      throw new NotFoundException(`Mail ${id} not found`);
    }
    return renderMessagePage(message);
  }
}
