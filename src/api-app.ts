import { STATUS_CODES } from 'node:http';
import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import { ApiModule } from './api.module';
import { AppConfig } from './config/config';
import { API_TAG_DESCRIPTIONS, STAFF_BEARER_SCHEME, STAFF_COOKIE_SCHEME } from './common/api-docs';
import { API_VERSION, apiVersioning, versionedPath } from './common/api-version';
import { ErrorBody, HttpExceptionFilter } from './common/http-exception.filter';
import { createAppLogger } from './common/app-logger';
import { inputSanity } from './common/input-sanity';
import { requestId } from './common/request-id';
import { HttpMetrics } from './observability/http-metrics.service';
import { API_DOCS_PATH, securityHeaders } from './common/security-headers';
import { validationPipe } from './common/validation';
import { SESSION_COOKIE } from './staff/staff-auth.guard';

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
  options: { logger?: false | LogLevel[] | LoggerService } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    logger: options.logger ?? createAppLogger(config),
  });
  // Before everything else, so every log line of the request (and every job it causes) carries its
  // id, and every answer, whatever middleware sends it, is timed.
  app.use(requestId);
  app.use(app.get(HttpMetrics).middleware);
  // Behind a reverse proxy the client's IP (for the public forms' rate limits) is in X-Forwarded-For;
  // trusting it without a proxy would let anyone choose their IP, so it is off unless configured.
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.set('trust proxy', config.TRUST_PROXY);
  server.disable('x-powered-by');
  // Before anything that looks at the path: /api/v1/… is served by the /api/… routes.
  app.use(apiVersioning);
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
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, apiDocument(app));
  return app;
}

/**
 * The OpenAPI document: every operation under its versioned path (/api/v1/…), the staff session by
 * bearer token or cookie, and tags by audience.
 */
function apiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('nahbar API')
    .setDescription(
      'Volunteer matching for volunteer agencies (Freiwilligenagenturen): help requests, volunteers, providers, ' +
        'proposals and their approval. Staff operations need a session: log in with `POST /api/v1/staff/session` and ' +
        'send the token as `Authorization: Bearer <token>` (or, in the browser, the HttpOnly cookie plus ' +
        '`X-Requested-By: nahbar` on changes). Every error has the same shape (`ErrorBodyDto`). ' +
        'Versioning and deprecation: docs/api.md.',
    )
    .setVersion(API_VERSION)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'the session token from the login',
      },
      STAFF_BEARER_SCHEME,
    )
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: 'the browser session (HttpOnly cookie set by the login)' },
      STAFF_COOKIE_SCHEME,
    );
  for (const [name, description] of Object.entries(API_TAG_DESCRIPTIONS)) {
    builder.addTag(name, description);
  }
  // Tags come from our audience tags only, never from controller names.
  const document = SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false });
  document.paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [versionedPath(path), item]),
  );
  return document;
}
