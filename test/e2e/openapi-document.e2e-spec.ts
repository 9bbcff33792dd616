import { API_TAGS } from '../../src/common/api-docs';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The OpenAPI document at /api/docs-json describes every operation fully: a summary and description,
 * an audience tag, a typed success response, the one error shape (with examples), and for staff
 * operations both auth schemes. The API answers under /api/v1 and, as an alias, under /api.
 */

type Schema = { $ref?: string; type?: string; properties?: Record<string, unknown>; required?: string[] };
interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema; example?: unknown }>;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface OpenApiDocument {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
  tags?: { name: string; description?: string }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERROR_REF = '#/components/schemas/ErrorBodyDto';
/** The staff login and the password reset by emailed link: staff operations without a session. */
const NO_SESSION = new Set([
  'post /api/v1/staff/session',
  'post /api/v1/staff/password-reset',
  'post /api/v1/staff/password-reset/confirm',
]);

const operationsOf = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method} ${path}`, path, op })),
  );

describe('the OpenAPI document describes every operation fully', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let doc: OpenApiDocument;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, { role: 'admin' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('lists every operation under /api/v1, with the version in the document', () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThanOrEqual(46);
    expect(operations.filter(({ path }) => !path.startsWith('/api/v1/')).map(({ key }) => key)).toEqual([]);
    expect(doc.info.version).toBe('1');
  });

  it('gives every operation a summary, a description and an audience tag', () => {
    const audiences: string[] = Object.values(API_TAGS);
    const missing = operationsOf(doc).flatMap(({ key, op }) => [
      ...(op.summary?.trim() ? [] : [`${key}: summary`]),
      ...((op.description?.trim().length ?? 0) >= 20 ? [] : [`${key}: description`]),
      ...(op.tags?.length && op.tags.every((tag) => audiences.includes(tag))
        ? []
        : [`${key}: tags ${(op.tags ?? []).join(',')}`]),
    ]);
    expect(missing).toEqual([]);
    const summaries = operationsOf(doc).map(({ op }) => op.summary);
    expect(new Set(summaries).size).toBe(summaries.length);
    // Every tag used is described at the top of the document.
    const described = new Set((doc.tags ?? []).filter((tag) => tag.description).map((tag) => tag.name));
    expect(
      operationsOf(doc)
        .flatMap(({ op }) => op.tags ?? [])
        .filter((tag) => !described.has(tag)),
    ).toEqual([]);
  });

  it('gives every operation a typed success response', () => {
    const missing = operationsOf(doc).flatMap(({ key, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length !== 1) {
        return [`${key}: ${success.length} success responses`];
      }
      const [[status, response]] = success;
      if (status === '204') {
        return response.content ? [`${key}: 204 with content`] : [];
      }
      const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
      const typed =
        schemas.length > 0 &&
        schemas.every((schema) => schema && (schema.$ref || schema.type || 'allOf' in schema));
      return typed ? [] : [`${key}: ${status} has no schema`];
    });
    expect(missing).toEqual([]);
  });

  it('documents the one error shape, with an example, for every operation', () => {
    expect(doc.components.schemas.ErrorBodyDto).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['statusCode', 'error', 'message', 'errors']),
    });
    const missing = operationsOf(doc).flatMap(({ key, op }) => {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      const errorBodies = errors.filter(
        ([, response]) => response.content?.['application/json']?.schema?.$ref === ERROR_REF,
      );
      const problems: string[] = [];
      // Only an operation without input and without a session (the health check) cannot be refused.
      const refusable = Boolean(op.parameters?.length || op.requestBody || op.security?.length);
      if (refusable && !errorBodies.some(([status]) => status.startsWith('4'))) {
        problems.push(`${key}: no 4xx error body`);
      }
      if (!errorBodies.some(([status]) => status === '500')) {
        problems.push(`${key}: no 500 error body`);
      }
      for (const [status, response] of errorBodies) {
        const example = response.content?.['application/json']?.example as
          { statusCode?: number } | undefined;
        if (example?.statusCode !== Number(status)) {
          problems.push(`${key}: ${status} example`);
        }
      }
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it('names the auth schemes: a staff operation takes the bearer token or the cookie, a public one neither', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'nahbar_staff',
    });
    const wrong = operationsOf(doc).flatMap(({ key, path, op }) => {
      const schemes = (op.security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();
      const staff = path.startsWith('/api/v1/staff/') && !NO_SESSION.has(key);
      const expected = staff ? ['bearer', 'cookie'] : [];
      const documents401 = '401' in op.responses;
      return JSON.stringify(schemes) === JSON.stringify(expected) && (!staff || documents401)
        ? []
        : [`${key}: ${schemes.join(',') || 'none'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('answers under /api/v1 and under the /api alias alike, saying the version', async () => {
    for (const path of ['/api/v1/staff/session', '/api/staff/session']) {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('api-version')).toBe('1');
      expect(await response.json()).toMatchObject({ staff: { role: 'admin' } });
    }
    const withQuery = await fetch(`${stack.baseUrl}/api/v1/staff/help-requests?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(withQuery.status).toBe(200);
    // Pages outside the API are not versioned and carry no API-Version.
    const page = await fetch(`${stack.baseUrl}/help`);
    expect(page.headers.get('api-version')).toBeNull();
    const notAVersion = await fetch(`${stack.baseUrl}/api/v12/staff/session`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(notAVersion.status).toBe(404);
  });

  it('answers a refusal in the documented error shape, under /api/v1 too', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/public/help-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'shopping' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'errors', 'message', 'statusCode']);
    expect(body.errors).toEqual(
      expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
    );
  });
});
