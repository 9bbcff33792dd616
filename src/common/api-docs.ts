import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
} from '@nestjs/swagger';
import type { ErrorBody } from './http-exception.filter';

/**
 * The OpenAPI vocabulary every API controller uses: the audience tags, the staff auth schemes, the
 * one error shape with an example per status, and a summary plus description per operation.
 * test/e2e/openapi-document.e2e-spec.ts fails when an operation lacks any of them.
 */

/** Tags by audience: who calls the operation. */
export const API_TAGS = {
  public: 'public',
  volunteerLinks: 'volunteer links',
  staff: 'staff',
  admin: 'admin',
  operations: 'operations',
} as const;

export const API_TAG_DESCRIPTIONS: Record<(typeof API_TAGS)[keyof typeof API_TAGS], string> = {
  public:
    'The public pages of the agency: help-seekers (or their relatives) ask for help, volunteers sign up. No login; rate-limited per address and email.',
  'volunteer links':
    'What volunteers reach through the signed links in their emails (offers, follow-ups, their settings). These are HTML pages, not JSON operations; listed for completeness.',
  staff:
    'The agency team (coordinators and staff): phone intake, reviewing requests, approving proposals, volunteers and providers. Needs a staff session.',
  admin: 'Agency settings and data-protection actions that only admins (some also coordinators) may take.',
  operations: 'For the people who run the service: health checks for probes and monitoring.',
};

/** The session's cookie name (set by POST /api/v1/staff/session for browsers). */
export const STAFF_COOKIE_SCHEME = 'cookie';
export const STAFF_BEARER_SCHEME = 'bearer';

/**
 * A staff session, by `Authorization: Bearer <token>` (API clients; the token comes from the login)
 * or the HttpOnly cookie (the browser; state-changing calls then need `X-Requested-By: nahbar`).
 */
export const ApiStaffAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(STAFF_BEARER_SCHEME), ApiCookieAuth(STAFF_COOKIE_SCHEME));

/** Summary (a short line) and description (the agency's terms, what happens) of one operation. */
export const ApiDoc = (summary: string, description: string): MethodDecorator =>
  applyDecorators(ApiOperation({ summary, description }));

export class FieldErrorDto {
  @ApiProperty({
    example: 'helpSeeker.postalCode',
    description: 'the field at fault, dotted for nested ones',
  })
  field: string;

  @ApiProperty({ example: 'postalCode must be a German postal code (5 digits)' })
  message: string;
}

/** The one error shape of the API (see HttpExceptionFilter). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 400, description: 'the HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({
    example: 'Bad Request',
    description:
      'the HTTP reason phrase, or a stable code for a domain refusal (e.g. `conflict`, `email-taken`)',
  })
  error: string;

  @ApiProperty({ example: 'The request has invalid fields.', description: 'for people, in English' })
  message: string;

  @ApiProperty({ type: [FieldErrorDto], description: 'one entry per field at fault; empty otherwise' })
  errors: FieldErrorDto[];
}

const errorExample = (
  statusCode: number,
  error: string,
  message: string,
  errors: ErrorBody['errors'] = [],
) => ({
  statusCode,
  error,
  message,
  errors,
});

/** What each status means across the API, with an example body. */
const ERRORS: Record<number, { description: string; example: ErrorBody }> = {
  400: {
    description: 'Invalid input: the fields at fault are listed in `errors`; nothing was stored.',
    example: errorExample(400, 'Bad Request', 'The request has invalid fields.', [
      { field: 'helpSeeker.postalCode', message: 'postalCode must be a German postal code (5 digits)' },
    ]),
  },
  401: {
    description: 'No valid staff session (log in first, then send the token or the cookie).',
    example: errorExample(401, 'Unauthorized', 'a valid staff session is required'),
  },
  403: {
    description:
      'Not allowed: the role may not do this, or a cookie-authenticated change came without `X-Requested-By: nahbar`.',
    example: errorExample(403, 'Forbidden', 'only admin staff may do this'),
  },
  404: {
    description: 'No such record (or it was erased).',
    example: errorExample(404, 'not-found', 'help request 1d0c… not found'),
  },
  409: {
    description:
      'Not possible in the current state (e.g. a request already closed, an email already registered).',
    example: errorExample(409, 'conflict', 'a closed request cannot be matched now'),
  },
  413: {
    description: 'The request body is too large.',
    example: errorExample(413, 'Payload Too Large', 'The request body is larger than 100kb.'),
  },
  429: {
    description: 'Too many requests from this address or for this email/account; try again later.',
    example: errorExample(429, 'too-many-submissions', 'too many submissions, please try again later'),
  },
  500: {
    description: 'Something went wrong on our side; nothing half-done was stored. Safe to retry.',
    example: errorExample(500, 'Internal Server Error', 'Something went wrong on our side.'),
  },
  503: {
    description: 'Busy or a dependency is down; try again shortly.',
    example: errorExample(503, 'login-busy', 'too many logins at the moment, please try again shortly'),
  },
};

/** The statuses every operation may answer with, besides the ones it names. */
const ALWAYS = [400, 500];
/** Every staff operation may also say: not logged in, not allowed. */
const STAFF = [401, 403];

function errorResponses(statuses: number[]): MethodDecorator & ClassDecorator {
  const unique = [...new Set(statuses)].sort((a, b) => a - b);
  return applyDecorators(
    ...unique.map((status) =>
      ApiResponse({
        status,
        description: ERRORS[status]?.description ?? 'Refused; see `message`.',
        type: ErrorBodyDto,
        example: ERRORS[status]?.example ?? errorExample(status, 'Error', 'refused'),
      }),
    ),
  );
}

/** Error responses of a public operation: 400 and 500, plus those named. */
export const ApiPublicErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  errorResponses([...ALWAYS, ...statuses]);

/** Error responses of a staff operation: 400, 401, 403 and 500, plus those named. */
export const ApiStaffErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  errorResponses([...ALWAYS, ...STAFF, ...statuses]);

/** A status and an id, e.g. after a request went to matching. */
export class IdAndStatusDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'matching' })
  status: string;
}

/** For the free-form parts of a record (JSON columns) whose shape is documented elsewhere. */
export const ApiFreeForm = (description: string, nullable = false): PropertyDecorator =>
  ApiProperty({ type: 'object', additionalProperties: true, description, nullable });

export const ApiFreeFormOptional = (description: string): PropertyDecorator =>
  ApiPropertyOptional({ type: 'object', additionalProperties: true, description });

/** Exactly the error responses named (e.g. for the health check, which takes no input). */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  errorResponses(statuses);
