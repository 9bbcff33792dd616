import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../shared/domain-error';
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
  'email-taken': HttpStatus.CONFLICT,
  'invalid-credentials': HttpStatus.UNAUTHORIZED,
  'too-many-submissions': HttpStatus.TOO_MANY_REQUESTS,
  'too-many-logins': HttpStatus.TOO_MANY_REQUESTS,
  'login-busy': HttpStatus.SERVICE_UNAVAILABLE,
  // A restricted staff session (see staff-auth.service SESSION_RESTRICTIONS): do that first.
  'second-factor-required': HttpStatus.FORBIDDEN,
  'password-change-required': HttpStatus.FORBIDDEN,
  'two-factor-enrolment-required': HttpStatus.FORBIDDEN,
  'invalid-code': HttpStatus.UNAUTHORIZED,
  'last-admin': HttpStatus.CONFLICT,
};

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // An expected refusal (e.g. login-busy, 503) is no server error worth a stack trace.
    if (body.statusCode >= 500 && !(exception instanceof DomainError)) {
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
      return { statusCode, error: STATUS_CODES[statusCode] ?? exception.name, message, errors: [] };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side.',
      errors: [],
    };
  }
}
