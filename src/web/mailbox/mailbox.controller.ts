import {
  Catch,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { translator } from '../../i18n';
import { listSinkMessages, MAIL_SINK_DIR, readSinkMessage } from '../../notifications/mail-sink';
import { consoleLocale } from '../console/console-auth.guard';
import { sendHtml } from '../shell/send-html';
import { renderMailboxPage, renderMessageNotFoundPage, renderMessagePage } from './mailbox.pages';

/** The staff language (`?lang=`, then the console's cookie): the mailbox is read by the same people. */
const mailboxTranslator = (request: Request, response: Response) =>
  translator(consoleLocale(request, response), 'staff');

/** Nest's default filter answers in JSON; a person in a browser should get a page. */
@Catch(NotFoundException)
export class MailboxNotFoundFilter implements ExceptionFilter {
  catch(_exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    sendHtml(
      response,
      404,
      renderMessageNotFoundPage(mailboxTranslator(request, response), request.originalUrl),
    );
  }
}

/** Demo mailbox: shows what the mail sink received. Registered only when the sink is enabled. */
@ApiExcludeController()
@Controller('demo/mail')
@UseFilters(MailboxNotFoundFilter)
export class MailboxController {
  constructor(@Inject(MAIL_SINK_DIR) private readonly dir: string) {}

  @Get()
  async list(@Req() request: Request, @Res() response: Response): Promise<void> {
    const t = mailboxTranslator(request, response);
    sendHtml(response, 200, renderMailboxPage(t, request.originalUrl, await listSinkMessages(this.dir)));
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const message = await readSinkMessage(this.dir, id);
    if (!message) {
      throw new NotFoundException(`Mail ${id} not found`);
    }
    const t = mailboxTranslator(request, response);
    sendHtml(response, 200, renderMessagePage(t, request.originalUrl, message));
  }
}
