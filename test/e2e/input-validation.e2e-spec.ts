import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import {
  countRows,
  expectErrorShape,
  expectFieldError,
  RowCounts,
  WRITTEN_TABLES,
} from '../helpers/assertions';
import { JsonResponse, loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

const validSeeker = (): Record<string, unknown> => ({
  ...(publicHelpRequestBody().helpSeeker as Record<string, unknown>),
});
const validSchedule = (): Record<string, unknown> => ({
  ...(publicHelpRequestBody().schedule as Record<string, unknown>),
});

/** POSTs text as it is, so the body can be something JSON.stringify would never produce. */
async function postRaw(baseUrl: string, path: string, text: string): Promise<JsonResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  });
  const body = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: JSON.parse(body) };
}

describe('input validation at the API boundary: a precise 400 per field, and nothing stored', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No worker: nothing runs in the background, so row counts change only through the requests here.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource);
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const submit = (body: unknown): Promise<JsonResponse> =>
    requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', { body });

  describe('POST /api/public/help-requests', () => {
    const omitConsent = (): Record<string, unknown> => {
      const { consent: _consent, ...rest } = publicHelpRequestBody();
      return rest;
    };

    it.each<{ name: string; body: () => unknown; field: string; error: string; message: string | RegExp }>([
      {
        name: 'an unknown postal code',
        body: () => publicHelpRequestBody({ postalCode: '00000' }),
        field: 'postalCode',
        error: 'unknown-postal-code',
        message: 'postal code 00000 is unknown',
      },
      {
        name: 'a postal code of four digits',
        body: () => publicHelpRequestBody({ postalCode: '2276' }),
        field: 'postalCode',
        error: 'Bad Request',
        message: 'must be a German postal code of 5 digits',
      },
      {
        name: 'consent to data processing not given',
        body: () => publicHelpRequestBody({ consent: { dataProcessing: false } }),
        field: 'consent.dataProcessing',
        error: 'Bad Request',
        message: 'must be given to send a request',
      },
      {
        name: 'consent that is not an object',
        body: () => publicHelpRequestBody({ consent: null }),
        field: 'consent',
        error: 'Bad Request',
        message: 'must record the consent to store the data',
      },
      {
        name: 'a malformed email when email is the preferred contact',
        body: () =>
          publicHelpRequestBody({
            helpSeeker: { name: 'Erika Muster', email: 'erika(at)example.org', preferredContact: 'email' },
          }),
        field: 'helpSeeker.email',
        error: 'Bad Request',
        message: 'must be a valid email address',
      },
      {
        name: 'no email when email is the preferred contact',
        body: () =>
          publicHelpRequestBody({ helpSeeker: { name: 'Erika Muster', preferredContact: 'email' } }),
        field: 'helpSeeker.email',
        error: 'Bad Request',
        // The message is the MaxLength one ("must be shorter than … 254 characters"): see the report.
        message: /./,
      },
      {
        name: 'an unknown top-level field',
        body: () => publicHelpRequestBody({ budget: 20 }),
        field: 'budget',
        error: 'Bad Request',
        message: 'property budget should not exist',
      },
      {
        name: 'an unknown nested field',
        body: () => publicHelpRequestBody({ helpSeeker: { ...validSeeker(), birthday: '1941-05-02' } }),
        field: 'helpSeeker.birthday',
        error: 'Bad Request',
        message: 'property birthday should not exist',
      },
      {
        name: 'a description of 2001 characters',
        body: () => publicHelpRequestBody({ description: 'a'.repeat(2001) }),
        field: 'description',
        error: 'Bad Request',
        message: 'must be at most 2000 characters',
      },
      {
        name: 'an unknown category',
        body: () => publicHelpRequestBody({ category: 'space-travel' }),
        field: 'category',
        error: 'unknown-taxonomy-key',
        message: 'unknown category: space-travel',
      },
      {
        name: 'a date in the past',
        body: () => publicHelpRequestBody({ schedule: { ...validSchedule(), date: daysAhead(-1) } }),
        field: 'schedule.date',
        error: 'invalid-schedule',
        message: 'the date lies in the past',
      },
      {
        name: 'an end before the start',
        body: () => publicHelpRequestBody({ schedule: { ...validSchedule(), start: '11:30', end: '10:00' } }),
        field: 'schedule',
        error: 'invalid-schedule',
        message: 'the end must come after the start',
      },
      {
        name: 'a date that does not exist',
        body: () => publicHelpRequestBody({ schedule: { ...validSchedule(), date: '2031-02-30' } }),
        field: 'schedule.date',
        error: 'Bad Request',
        message: 'must be a date like 2026-11-24',
      },
      {
        name: 'accessibility needs without consent to health data',
        body: () =>
          publicHelpRequestBody({ helpSeeker: { ...validSeeker(), accessibilityNeeds: ['wheelchair'] } }),
        field: 'consent.healthData',
        error: 'health-consent-missing',
        message: 'explicit consent to health data',
      },
    ])(
      'should refuse $name with a 400 naming $field, and store nothing',
      async ({ body, field, error, message }) => {
        const before = await countRows(stack.dataSource);

        const response = await submit(body());

        expectFieldError(response, field, { error, message });
        // Only the field at fault is named.
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
        expect(await countRows(stack.dataSource)).toEqual(before);
      },
    );

    // @ValidateNested skips a missing object and accepts an array, so these need @IsObject().
    it.each<{ name: string; body: () => unknown; field: string }>([
      { name: 'no consent object at all', body: omitConsent, field: 'consent' },
      {
        name: 'consent sent as an empty array',
        body: () => publicHelpRequestBody({ consent: [] }),
        field: 'consent',
      },
      {
        name: 'no helpSeeker object',
        body: () => ({ ...publicHelpRequestBody(), helpSeeker: undefined }),
        field: 'helpSeeker',
      },
      {
        name: 'no schedule object',
        body: () => ({ ...publicHelpRequestBody(), schedule: undefined }),
        field: 'schedule',
      },
    ])('should refuse $name with a 400 naming $field, and store nothing', async ({ body, field }) => {
      const before = await countRows(stack.dataSource);

      const response = await submit(body());

      expect(await countRows(stack.dataSource)).toEqual(before);
      expectFieldError(response, field);
    });

    it('should name every faulty field at once, one message each', async () => {
      const before = await countRows(stack.dataSource);

      const response = await submit(
        publicHelpRequestBody({
          postalCode: 'abc',
          description: 'x',
          helpSeeker: { ...validSeeker(), name: '' },
          consent: { dataProcessing: 'yes' },
        }),
      );

      expectErrorShape(response, 400);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect([...fields].sort()).toEqual([
        'consent.dataProcessing',
        'description',
        'helpSeeker.name',
        'postalCode',
      ]);
      expect(new Set(fields).size).toBe(fields.length);
      expect(await countRows(stack.dataSource)).toEqual(before);
    });

    it('should answer malformed JSON with a 400 in the API’s error shape, not a 500', async () => {
      const before = await countRows(stack.dataSource);

      const response = await postRaw(
        stack.baseUrl,
        '/api/public/help-requests',
        '{"category": "shopping", "description": ',
      );

      expectErrorShape(response, 400);
      expect(response.body).toEqual({
        statusCode: 400,
        // Nest maps the parser's SyntaxError to a BadRequestException before the filter sees it.
        error: expect.stringMatching(/^(Bad ?Request|entity\.parse\.failed)$/),
        message: expect.stringMatching(/JSON/),
        errors: [],
      });
      expect(await countRows(stack.dataSource)).toEqual(before);
    });

    it.each<{ name: string; body: () => unknown; field: string | RegExp; message: RegExp }>([
      {
        name: 'a NUL character in a name',
        body: () => publicHelpRequestBody({ helpSeeker: { ...validSeeker(), name: 'Erika\u0000Muster' } }),
        field: 'helpSeeker.name',
        message: /NUL/,
      },
      {
        name: 'a NUL character in the description',
        body: () => publicHelpRequestBody({ description: 'Einkauf\u0000 bitte' }),
        field: 'description',
        message: /NUL/,
      },
      {
        name: 'an impossible date (31 February)',
        body: () => publicHelpRequestBody({ schedule: { ...validSchedule(), date: '2027-02-31' } }),
        field: 'schedule.date',
        message: /date/,
      },
      {
        name: 'an impossible date (month 13)',
        body: () => publicHelpRequestBody({ schedule: { ...validSchedule(), date: '2027-13-45' } }),
        field: 'schedule.date',
        message: /date/,
      },
      {
        name: "the category 'constructor' (a key every object has)",
        body: () => publicHelpRequestBody({ category: 'constructor' }),
        field: 'category',
        message: /unknown/,
      },
      {
        name: "the category '__proto__'",
        body: () => publicHelpRequestBody({ category: '__proto__' }),
        field: 'category',
        message: /unknown/,
      },
    ])(
      'should refuse $name with a 400 naming the field, and store nothing',
      async ({ body, field, message }) => {
        const before = await countRows(stack.dataSource);

        const response = await submit(body());

        expectErrorShape(response, 400);
        const errors = response.body.errors as Array<{ field: string; message: string }>;
        expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
        expect(await countRows(stack.dataSource)).toEqual(before);
      },
    );

    it('should refuse JSON nested thousands of levels deep with a 400, not a stack overflow', async () => {
      const before = await countRows(stack.dataSource);
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;

      const response = await postRaw(
        stack.baseUrl,
        '/api/public/help-requests',
        `{"category":"shopping","x":${deep}}`,
      );

      expectErrorShape(response, 400);
      expect(response.body.errors[0].message).toMatch(/nested deeper/);
      expect(await countRows(stack.dataSource)).toEqual(before);
    });

    it('should answer a body over the size limit with a 413 in the API’s error shape', async () => {
      const before = await countRows(stack.dataSource);

      const response = await postRaw(
        stack.baseUrl,
        '/api/public/help-requests',
        JSON.stringify(publicHelpRequestBody({ description: 'x'.repeat(200_000) })),
      );

      expectErrorShape(response, 413);
      expect(response.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'The request body is larger than 100kb.',
        errors: [],
      });
      expect(await countRows(stack.dataSource)).toEqual(before);
    });
  });

  describe('POST /api/staff/volunteers', () => {
    const register = (body: unknown): Promise<JsonResponse> =>
      requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', { token, body });
    const tables = [...WRITTEN_TABLES, 'audit_log'];

    it.each<{ name: string; body: () => unknown; field: string; error: string; message: string }>([
      {
        name: 'an unknown skill',
        body: () => volunteerBody({ skills: ['shopping', 'juggling'] }),
        field: 'skills',
        error: 'unknown-taxonomy-key',
        message: 'unknown skill: juggling',
      },
      {
        name: 'an availability slot that ends before it starts',
        body: () => volunteerBody({ availability: [{ weekday: 2, start: '12:00', end: '09:00' }] }),
        field: 'availability.0',
        error: 'invalid-availability',
        message: 'the end must come after the start',
      },
      {
        name: 'an unknown field in an availability slot',
        body: () =>
          volunteerBody({ availability: [{ weekday: 2, start: '09:00', end: '12:00', note: 'flexibel' }] }),
        field: 'availability.0.note',
        error: 'Bad Request',
        message: 'property note should not exist',
      },
    ])(
      'should refuse $name with a 400 naming $field, and store nothing',
      async ({ body, field, error, message }) => {
        const before = await countRows(stack.dataSource, tables);

        const response = await register(body());

        expectFieldError(response, field, { error, message });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
        expect(await countRows(stack.dataSource, tables)).toEqual(before);
      },
    );

    it.each([
      ['the same email', (email: string) => email],
      ['the same email in other letter case', (email: string) => email.toUpperCase()],
    ])(
      'should refuse a second volunteer with %s (409 on email), keeping the first stored once',
      async (_name, sameEmail) => {
        const first = await register(volunteerBody());
        expect(first.status).toBe(201);
        const email: string = first.body.email;
        const before = await countRows(stack.dataSource, tables);

        const second = await register(volunteerBody({ email: sameEmail(email), name: 'Doppelt Angemeldet' }));

        expectFieldError(second, 'email', {
          status: 409,
          error: 'email-taken',
          message: 'already registered',
        });
        expect(await countRows(stack.dataSource, tables)).toEqual(before);
        const stored = await stack.dataSource.query(
          'SELECT id, name FROM volunteer WHERE lower(email) = lower($1)',
          [email],
        );
        expect(stored).toEqual([{ id: first.body.id, name: first.body.name }]);
      },
    );
  });

  describe('good input at the boundary', () => {
    it('should still store a valid request (201), with a description of exactly 2000 characters', async () => {
      const before = await countRows(stack.dataSource);

      const response = await submit(
        publicHelpRequestBody({ description: 'a'.repeat(2000), consent: { dataProcessing: true } }),
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(String), status: 'matching' });
      const after: RowCounts = await countRows(stack.dataSource);
      expect(after).toEqual({
        ...before,
        help_request: before.help_request + 1,
        help_seeker: before.help_seeker + 1,
        consent_record: before.consent_record + 1,
        outbox_job: before.outbox_job + 1,
      });
    });

    it('should store accessibility needs when health-data consent is given', async () => {
      const before = await countRows(stack.dataSource);

      const response = await submit(
        publicHelpRequestBody({
          helpSeeker: { ...validSeeker(), accessibilityNeeds: ['wheelchair'] },
          consent: { dataProcessing: true, healthData: true },
        }),
      );

      expect(response.status).toBe(201);
      const after = await countRows(stack.dataSource);
      // Two consent records: data processing and health data.
      expect(after.consent_record).toBe(before.consent_record + 2);
      expect(after.help_request).toBe(before.help_request + 1);
    });

    it('should register a valid volunteer (201)', async () => {
      const before = await countRows(stack.dataSource);

      const response = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody(),
      });

      expect(response.status).toBe(201);
      const after = await countRows(stack.dataSource);
      expect(after.volunteer).toBe(before.volunteer + 1);
      expect(after.consent_record).toBe(before.consent_record + 1);
    });
  });
});
