import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The OpenAPI document cannot drift from the code: a TypeScript client is generated from the
 * running app's /api/docs-json, a script written against it (test/api-client) must type-check, calls
 * the document forbids must not, the script runs against the app for real, and real answers match
 * their documented schemas.
 */

const SOURCES = join(__dirname, '..', 'api-client');

/**
 * openapi-typescript's programmatic API, in a plain node process: its dependencies are ES modules,
 * which jest's CommonJS runtime cannot load.
 */
const GENERATE = `
const { readFileSync, writeFileSync } = require('node:fs');
const { default: openapiTS, astToString } = require('openapi-typescript');
const [documentFile, typesFile] = process.argv.slice(1);
openapiTS(JSON.parse(readFileSync(documentFile, 'utf8'))).then(
  (ast) => writeFileSync(typesFile, astToString(ast)),
  (error) => { console.error(error); process.exit(1); },
);`;

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
};
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** Where `value` departs from `schema` (an empty list when it conforms). */
function mismatches(doc: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.$ref) {
    return mismatches(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? ''], value, at);
  }
  if (value === null) {
    return schema.nullable ? [] : [`${at}: null`];
  }
  if (schema.allOf) {
    return schema.allOf.flatMap((part) => mismatches(doc, part, value, at));
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  }
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const expected = schema.type === 'integer' ? 'number' : schema.type;
  if (expected && expected !== actual) {
    return [`${at}: ${actual}, documented ${schema.type}`];
  }
  if (Array.isArray(value) && schema.items) {
    return value.flatMap((item, index) => mismatches(doc, schema.items as Schema, item, `${at}[${index}]`));
  }
  if (actual === 'object' && schema.properties) {
    const object = value as Record<string, unknown>;
    return [
      ...(schema.required ?? []).filter((key) => !(key in object)).map((key) => `${at}.${key}: missing`),
      ...Object.entries(schema.properties).flatMap(([key, property]) =>
        key in object && object[key] !== undefined
          ? mismatches(doc, property, object[key], `${at}.${key}`)
          : [],
      ),
    ];
  }
  return [];
}

/** TypeScript's verdict on the given files, strict, with fetch from the DOM library. */
function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    // The generated schema.d.ts is checked; TypeScript's own libraries need not be.
    skipDefaultLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) {
      return message;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName.split('/').pop()}:${line + 1}: ${message}`;
  });
}

describe('a TypeScript client generated from /api/docs-json', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let doc: OpenApiDocument;
  let dir: string;
  let token: string;
  const admin = { email: 'admin@agency.test', password: STAFF_PASSWORD };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { email: admin.email, role: 'admin' });
    token = await loginAs(stack.baseUrl, admin.email, admin.password);
    for (const postalCode of ['22765', '22767']) {
      const { status } = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/volunteers', {
        token,
        body: volunteerBody({ postalCode }),
      });
      expect(status).toBe(201);
    }
    doc = (await (await fetch(`${stack.baseUrl}/api/docs-json`)).json()) as OpenApiDocument;
    dir = mkdtempSync(join(tmpdir(), 'nahbar-api-client-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    // Asynchronously: the app runs in this process and must keep answering meanwhile.
    await promisify(execFile)(
      process.execPath,
      ['-e', GENERATE, join(dir, 'openapi.json'), join(dir, 'schema.d.ts')],
      {
        cwd: join(__dirname, '..', '..'),
      },
    );
    for (const name of readdirSync(SOURCES).filter((file) => file.endsWith('.ts.src'))) {
      copyFileSync(join(SOURCES, name), join(dir, name.replace(/\.src$/, '')));
    }
  });

  afterAll(async () => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
    await stack?.close();
    await smtp?.close();
  });

  it('runs the script against the app: the request gets proposals and the best one is approved', async () => {
    for (const name of ['client', 'script']) {
      const source = ts.sys.readFile(join(dir, `${name}.ts`)) ?? '';
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(dir, `${name}.js`), outputText);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const script = require(join(dir, 'script.js')) as {
      createListApprove(
        baseUrl: string,
        email: string,
        password: string,
        date: string,
      ): Promise<{
        requestId: string;
        listed: string[];
        proposals: number;
        approvedMatchId: string;
        approvedStatus: string;
        volunteerName: string | null;
      }>;
    };
    const outcome = await script.createListApprove(stack.baseUrl, admin.email, admin.password, daysAhead(3));
    expect(outcome.listed).toContain(outcome.requestId);
    expect(outcome.proposals).toBe(2);
    expect(outcome.approvedStatus).toBe('approved');
    expect(outcome.volunteerName).toMatch(/^Freiwillige/);
    const [{ status }] = await stack.dataSource.query<{ status: string }[]>(
      'SELECT status FROM match WHERE id = $1',
      [outcome.approvedMatchId],
    );
    expect(['approved', 'offered']).toContain(status);

    // The answers the script relied on match their documented schemas, field by field.
    const detail = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/help-requests/${outcome.requestId}`,
      {
        token,
      },
    );
    const detailSchema =
      doc.paths['/api/v1/staff/help-requests/{id}'].get.responses['200'].content?.['application/json'].schema;
    expect(mismatches(doc, detailSchema as Schema, detail.body)).toEqual([]);
  });

  it('answers every parameterless read with what its schema documents', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const schema = item.get?.responses['200']?.content?.['application/json']?.schema;
      if (!schema || path.includes('{')) {
        continue;
      }
      const { status, body } = await requestJson(stack.baseUrl, 'GET', path, { token });
      if (status !== 200) {
        problems.push(`GET ${path}: ${status}`);
        continue;
      }
      checked += 1;
      problems.push(...mismatches(doc, schema, body).map((problem) => `GET ${path} ${problem}`));
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  // Last: type-checking blocks this process (and so the app in it) for seconds.
  it('type-checks a script that creates a request, lists proposals and approves one', () => {
    expect(typeCheck([join(dir, 'client.ts'), join(dir, 'script.ts')])).toEqual([]);
  });

  it('refuses, at compile time, calls the document does not allow', () => {
    // Each call in wrong.ts carries @ts-expect-error: one the types accepted would be reported here.
    expect(typeCheck([join(dir, 'wrong.ts')])).toEqual([]);
    const withoutDirectives = join(dir, 'wrong-unmarked.ts');
    writeFileSync(
      withoutDirectives,
      ts.sys.readFile(join(dir, 'wrong.ts'))?.replace(/\/\/ @ts-expect-error.*\n/g, '\n') ?? '',
    );
    expect(typeCheck([withoutDirectives]).length).toBeGreaterThanOrEqual(6);
  });
});
