import fc from 'fast-check';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { countRows, RowCounts } from '../helpers/assertions';
import { loginAs } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Property-based fuzzing of every operation the API documents in /api/docs-json: bodies, path
 * parameters and queries derived from the schema where there is one (valid-ish values with junk
 * mixed in), arbitrary JSON where there is none. Whatever comes in: never a 5xx, every 4xx in the
 * API's one error shape, and a refused call stores nothing.
 */

const SEED = 1515;
const RUNS_PER_OPERATION = 15;

/**
 * Logging out would end the session the fuzzer works with; it takes no input anyway. Requiring
 * two-factor for all staff would restrict that session to enrolment (403 for everything after);
 * its one boolean is checked in staff-accounts.e2e-spec.ts.
 */
const SKIPPED = new Set(['DELETE /api/v1/staff/session', 'PUT /api/v1/staff/security-settings']);

/** Tables any operation may write; a 4xx must leave every one of them as it was. */
const TABLES = [
  'help_request',
  'help_seeker',
  'consent_record',
  'outbox_job',
  'volunteer',
  'provider',
  'match',
  'call_task',
  'agency_setting',
  'audit_log',
  'help_request_note',
  'notification',
  'volunteer_block',
];

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
};

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema?: Schema }>;
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
}

const edgeNumbers = fc.constantFrom(
  0,
  -0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
);

const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '1990-13-45',
  '2026-02-31',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '../../etc/passwd',
  "'; DROP TABLE volunteer; --",
  '<script>alert(1)</script>',
  '\u202e\u0645\u0631\u062d\u0628\u0627 👩‍👩‍👧 \ud800',
  'x'.repeat(20_000),
  `${'a'.repeat(5000)}@${'b'.repeat(5000)}`,
  '@'.repeat(3000),
  'NaN',
  'Infinity',
  '-1',
  '1e999',
  'true',
  'null',
);

const junkString = fc.oneof(
  { arbitrary: nastyStrings, weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
);

/** Anything JSON can hold, with the edges weighted in. */
const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkString,
    edgeNumbers,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(junkString, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) {
    return undefined;
  }
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf && schema.allOf.length === 1) {
    return resolve(doc, schema.allOf[0]);
  }
  return schema;
}

/** A value that fits the schema (roughly: bounds and formats are honoured where cheap). */
function validish(doc: OpenApiDocument, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (!schema || depth > 6) {
    return junk;
  }
  if (schema.enum && schema.enum.length > 0) {
    return fc.constantFrom(...schema.enum);
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && variants.length > 0) {
    return fc.oneof(...variants.map((v) => validish(doc, v, depth + 1)));
  }
  switch (schema.type) {
    case 'string':
      switch (schema.format) {
        case 'uuid':
          return fc.uuid();
        case 'email':
          return fc.emailAddress();
        case 'date':
          return fc
            .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        case 'date-time':
          return fc
            .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString());
        default:
          return fc.string({
            minLength: schema.minLength ?? 0,
            maxLength: Math.min(schema.maxLength ?? 40, 200),
          });
      }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fuzzed(doc, schema.items, depth + 1), { maxLength: 5 });
    case 'object':
    default: {
      if (!schema.properties) {
        return fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 });
      }
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties).map(([name, property]) => {
        const value = fuzzed(doc, property, depth + 1);
        // Optional fields are sometimes left out; required ones sometimes too (that is invalid input).
        const present = required.has(name) ? fc.boolean().map((b) => b || Math.random() < 0.8) : fc.boolean();
        return fc.tuple(fc.constant(name), present, value);
      });
      return fc
        .tuple(...entries)
        .map((fields) =>
          Object.fromEntries(fields.filter(([, present]) => present).map(([n, , v]) => [n, v])),
        );
    }
  }
}

/** Mostly what the schema asks for, sometimes junk in its place. */
function fuzzed(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: validish(doc, schema, depth), weight: 4 }, { arbitrary: junk, weight: 1 });
}

const pathParam = fc.oneof(
  fc.uuid(),
  nastyStrings.filter((s) => s.length > 0 && s.length < 5000),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.integer().map(String),
);

function toQueryValue(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => (typeof v === 'object' && v !== null ? [JSON.stringify(v)] : [String(v)]));
  }
  if (typeof value === 'object' && value !== null) {
    return [JSON.stringify(value)];
  }
  return [String(value)];
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
        continue;
      }
      const parameters: Array<{ in: string; name: string; schema?: Schema }> = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

interface FuzzCase {
  params: Record<string, string>;
  query: Array<[string, unknown]>;
  body: unknown;
  sendBody: boolean;
}

function caseFor(doc: OpenApiDocument, op: Operation): fc.Arbitrary<FuzzCase> {
  const params = fc.tuple(...op.pathParams.map((name) => pathParam.map((v) => [name, v] as const)));
  const declared = fc.tuple(
    ...op.query.map((q) =>
      fc.tuple(fc.constant(q.name), fc.boolean(), fuzzed(doc, q.schema)).map(([n, present, v]) => ({
        n,
        present,
        v,
      })),
    ),
  );
  const extra = fc.array(fc.tuple(fc.oneof(nastyStrings, fc.string({ maxLength: 8 })), junk), {
    maxLength: 2,
  });
  const body = op.body
    ? fc.oneof({ arbitrary: fuzzed(doc, op.body), weight: 4 }, { arbitrary: junk, weight: 1 })
    : junk;
  return fc
    .record({ params, declared, extra, body, sendBody: op.body ? fc.constant(true) : fc.boolean() })
    .map(({ params: p, declared: d, extra: e, body: b, sendBody }) => ({
      params: Object.fromEntries(p),
      query: [
        ...d.filter((q) => q.present).map((q) => [q.n, q.v] as [string, unknown]),
        ...e.filter(([k]) => k.length < 1000),
      ],
      body: b,
      sendBody,
    }));
}

/**
 * A URL cannot carry a lone surrogate (encodeURIComponent throws on one): it becomes U+FFFD, as in
 * any real client. Bodies still carry them raw.
 */
const encode = (value: string): string =>
  encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

function urlFor(baseUrl: string, op: Operation, c: FuzzCase): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(c.params[name]));
  const query = c.query
    .flatMap(([k, v]) => toQueryValue(v).map((value) => `${encode(k)}=${encode(value)}`))
    .join('&');
  return `${baseUrl}${path}${query ? `?${query}` : ''}`;
}

describe('OpenAPI-driven fuzzing: no input gives a 5xx, a 4xx is the one error shape and stores nothing', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No worker: rows change only through the requests made here.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const admin = await createStaffUser(stack.dataSource, { role: 'admin' });
    token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('documents the operations the fuzzer drives', () => {
    const ops = operationsOf(doc).map((op) => `${op.method} ${op.path}`);
    expect(ops.length).toBeGreaterThan(30);
    expect(ops).toContain('POST /api/v1/public/help-requests');
    expect(ops).toContain('PATCH /api/v1/staff/volunteers/{id}');
  });

  it('answers every fuzzed call to every operation without a 5xx', async () => {
    const failures: string[] = [];
    for (const op of operationsOf(doc)) {
      if (SKIPPED.has(`${op.method} ${op.path}`)) {
        continue;
      }
      await fc
        .assert(
          fc.asyncProperty(caseFor(doc, op), async (c) => {
            const before: RowCounts = await countRows(stack.dataSource, TABLES);
            const url = urlFor(stack.baseUrl, op, c);
            const response = await fetch(url, {
              method: op.method,
              headers: {
                Authorization: `Bearer ${token}`,
                ...(c.sendBody ? { 'Content-Type': 'application/json' } : {}),
              },
              body: c.sendBody && op.method !== 'GET' ? JSON.stringify(c.body) : undefined,
            });
            const text = await response.text();
            const where = `${op.method} ${op.path} -> ${response.status}: ${text.slice(0, 300)}\n  url: ${url.slice(0, 300)}\n  body: ${JSON.stringify(c.body)?.slice(0, 300)}`;
            if (response.status >= 500) {
              failures.push(where);
              return false;
            }
            // Node's HTTP parser refuses an over-long URL (431) before the app sees it: not the app's answer.
            if (response.status >= 400 && response.status !== 431) {
              const body = JSON.parse(text) as Record<string, unknown>;
              const shape =
                Object.keys(body).sort().join(',') === 'error,errors,message,statusCode' &&
                body.statusCode === response.status &&
                typeof body.error === 'string' &&
                typeof body.message === 'string' &&
                Array.isArray(body.errors);
              if (!shape) {
                failures.push(`not the error shape: ${where}`);
                return false;
              }
              const after = await countRows(stack.dataSource, TABLES);
              if (JSON.stringify(after) !== JSON.stringify(before)) {
                failures.push(
                  `stored on a refusal: ${where}\n  ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
                );
                return false;
              }
            }
            return true;
          }),
          { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
        )
        .catch((error: unknown) => {
          // A property that threw (e.g. a 4xx that is not JSON) is a failure too.
          if (!failures.some((f) => f.includes(`${op.method} ${op.path} `))) {
            failures.push(`${op.method} ${op.path}: ${String(error).slice(0, 400)}`);
          }
        });
    }
    expect(failures).toEqual([]);
    // Every operation of the API in one walk: it grows with the API (about 70 s under load at 90 operations).
  }, 180_000);
});
