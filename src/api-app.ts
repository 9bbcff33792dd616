import { STATUS_CODES } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import { ApiModule } from './api.module';
import { AppConfig } from './config/config';
import { ErrorBody, HttpExceptionFilter } from './common/http-exception.filter';
import { inputSanity } from './common/input-sanity';
import { API_DOCS_PATH, securityHeaders } from './common/security-headers';
import { validationPipe } from './common/validation';

const BODY_LIMIT = '100kb';

/** body-parser reports its limit in bytes; people read "100kb". */
const limitText = (limit: unknown): string =>
  typeof limit === 'number' ? `${Math.round(limit / 1024)}kb` : BODY_LIMIT;

/** body-parser's own errors (malformed JSON, too large) answered in the API's one error shape. */
function bodyParserErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const type = (error as { type?: unknown })?.type;
  if (type !== 'entity.parse.failed' && type !== 'entity.too.large' && type !== 'parameters.too.many') {
    next(error);
    return;
  }
  const tooLarge = type === 'entity.too.large' || type === 'parameters.too.many';
  const statusCode = tooLarge ? 413 : 400;
  const body: ErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message:
      type === 'entity.too.large'
        ? `The request body is larger than ${limitText((error as { limit?: unknown }).limit)}.`
        : type === 'parameters.too.many'
          ? 'The form has too many fields.'
          : 'The request body is not valid JSON.',
    errors: [],
  };
  response.status(statusCode).json(body);
}

/** The API application exactly as main.ts, the demo and the e2e tests run it. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: false | ('error' | 'warn' | 'log')[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  // Behind a reverse proxy the client's IP (for the public forms' rate limits) is in X-Forwarded-For;
  // trusting it without a proxy would let anyone choose their IP, so it is off unless configured.
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.set('trust proxy', config.TRUST_PROXY);
  server.disable('x-powered-by');
  // First, so every answer carries them: pages, JSON, body-parser errors and 404s alike.
  app.use(securityHeaders(config));
  app.use(express.json({ limit: BODY_LIMIT }), bodyParserErrors);
  // The volunteer's settings page posts a plain HTML form.
  app.use('/preferences', express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 120 }));
  // The public pages' forms: small bodies only (the largest, the volunteer sign-up, is ~2 kB).
  app.use(
    ['/help', '/volunteer', '/provider', '/my-account'],
    express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 120 }),
    bodyParserErrors,
  );
  // The console's forms post urlencoded; repeated fields (several skills) arrive as arrays.
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }), bodyParserErrors);
  // After every body parser: NUL characters and absurd nesting never reach a pipe or the database.
  app.use(inputSanity);
  app.use(cookieParser());
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nahbar API')
      .setDescription('Volunteer matching for volunteer agencies (Freiwilligenagenturen).')
      .setVersion('0.1')
      .addCookieAuth('nahbar_staff')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, document);
  return app;
}
