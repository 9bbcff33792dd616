import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error';
import { FieldError, RequestValidationError } from './validation';

/** The one error shape of the API: a status, a message, and a message per field where one is at fault. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors: FieldError[];
}

const DOMAIN_STATUS: Record<string, number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'invalid-credentials': HttpStatus.UNAUTHORIZED,
  'account-locked': HttpStatus.TOO_MANY_REQUESTS,
};

/** body-parser errors (malformed JSON, body too large) carry a 4xx status but are no HttpException. */
function isClientBodyError(error: unknown): error is { status: number; message: string; type: string } {
  const candidate = error as { status?: unknown; type?: unknown };
  return (
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    typeof candidate.type === 'string'
  );
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof RequestValidationError) {
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request has invalid fields.',
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof DomainError) {
      const statusCode = DOMAIN_STATUS[exception.code] ?? HttpStatus.BAD_REQUEST;
      return {
        statusCode,
        error: exception.code,
        message: exception.message,
        errors: exception.field ? [{ field: exception.field, message: exception.message }] : [],
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message =
        typeof detail === 'string' ? detail : Array.isArray(detail) ? detail.join('; ') : exception.message;
      return { statusCode, error: exception.name.replace(/Exception$/, ''), message, errors: [] };
    }
    if (isClientBodyError(exception)) {
      const message =
        exception.type === 'entity.too.large'
          ? 'The request body is too large.'
          : 'The request body is not valid JSON.';
      return { statusCode: exception.status, error: exception.type, message, errors: [] };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side.',
      errors: [],
    };
  }
}
