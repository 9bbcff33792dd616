import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../shared/domain-error';
import { RequestValidationError } from '../../common/validation';
import {
  ConsoleCsrfError,
  ConsoleLoginRequired,
  ConsoleRestricted,
  consoleLocale,
  type ConsoleRequest,
} from './console-auth.guard';
import { translator } from '../../i18n';
import { ConsoleLayout, sendPage, type ConsoleView } from './view';
import { h } from 'preact';

/** Where to come back after logging in: only a console path of this site, never another host. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/|$|\?)/.test(value) && !value.startsWith('//')
    ? value
    : '/console';
}

/** The console answers in pages: a login redirect, or an error page in the person's language. */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsoleExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ConsoleLoginRequired) {
      const next = request.method === 'GET' ? request.originalUrl : '/console';
      response.redirect(303, `/console/login?next=${encodeURIComponent(safeNext(next))}`);
      return;
    }
    if (exception instanceof ConsoleRestricted) {
      const next = request.method === 'GET' ? safeNext(request.originalUrl) : '/console';
      response.redirect(
        303,
        exception.restriction === 'second-factor'
          ? `/console/login/code?next=${encodeURIComponent(next)}`
          : '/console/account',
      );
      return;
    }
    const view: ConsoleView = request.console ?? {
      t: translator(consoleLocale(request, response), 'staff'),
      staff: null,
      csrf: '',
      path: request.originalUrl,
    };
    const { status, message } = this.describe(exception, view);
    if (status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    sendPage(response, status, ConsoleErrorPage, { view, message });
  }

  private describe(exception: unknown, view: ConsoleView): { status: number; message: string } {
    if (exception instanceof ConsoleCsrfError) {
      return { status: 403, message: view.t.t('console.error.csrf') };
    }
    if (exception instanceof RequestValidationError) {
      return {
        status: 400,
        message: exception.fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; '),
      };
    }
    if (exception instanceof DomainError) {
      const status = exception.code === 'not-found' ? 404 : exception.code === 'conflict' ? 409 : 400;
      return { status, message: exception.message };
    }
    if (exception instanceof NotFoundException) {
      return { status: 404, message: view.t.t('console.error.notFound') };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, message: status === 403 ? view.t.t('console.error.forbidden') : exception.message };
    }
    return { status: 500, message: view.t.t('console.error.server') };
  }
}

function ConsoleErrorPage({ view, message }: { view: ConsoleView; message: string }) {
  return h(
    ConsoleLayout,
    { view, title: view.t.t('console.error.title') },
    h('p', { class: 'alert', role: 'alert' }, message),
    h('p', null, h('a', { href: '/console' }, view.t.t('console.error.back'))),
  );
}
