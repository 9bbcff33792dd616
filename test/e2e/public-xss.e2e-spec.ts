import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/*
 * Whatever a person (or an attacker) types into a public form comes back, when the form is shown
 * again with an error, as text: never as markup, never as a link target.
 */
const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];

const decode = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The attributes of every `<input>`, read as a browser does (a quoted value may hold ">"). */
function inputs(html: string): Record<string, string>[] {
  return [...html.matchAll(/<input((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((tag) =>
    Object.fromEntries(
      [...tag[1].matchAll(/\s+([\w-]+)(?:="([^"]*)")?/g)].map((attribute) => [
        attribute[1],
        decode(attribute[2] ?? ''),
      ]),
    ),
  );
}

/** The value a field shows: an input's value attribute or a textarea's text, as the browser reads it. */
function shownValue(html: string, name: string): string | undefined {
  const input = inputs(html).find((attributes) => attributes.name === name);
  if (input) {
    return input.value;
  }
  const textarea = new RegExp(
    `<textarea(?:\\s+[\\w-]+(?:="[^"]*")?)*?\\s+name="${name}"(?:\\s+[\\w-]+(?:="[^"]*")?)*\\s*>([^<]*)</textarea>`,
  ).exec(html)?.[1];
  return textarea === undefined ? undefined : decode(textarea);
}

/** Each public form, its free-text fields, and a value that forces the form back with an error. */
const FORMS: { path: string; fields: string[]; base: Record<string, string> }[] = [
  {
    path: '/help',
    fields: ['description', 'date', 'name', 'phone', 'email'],
    base: { category: 'shopping', timeOfDay: 'morning', postalCode: 'bad', consent: 'yes' },
  },
  {
    path: '/help/call-back',
    fields: ['name', 'phone', 'description'],
    base: { postalCode: 'bad', consent: 'yes' },
  },
  {
    // The last question of the plain-language flow; earlier answers travel as hidden fields.
    path: '/help/easy',
    fields: ['name', 'phone'],
    base: {
      step: '6',
      go: 'next',
      category: 'shopping',
      date: '2099-01-01',
      timeOfDay: 'morning',
      postalCode: 'bad',
      consent: 'yes',
    },
  },
  {
    path: '/volunteer',
    fields: ['name', 'email', 'phone', 'maxTravelKm', 'birthDate'],
    base: {
      postalCode: 'bad',
      languages: 'de',
      skills: 'shopping',
      availability: '1-morning',
      consent: 'yes',
    },
  },
  {
    path: '/provider',
    fields: ['name', 'contactPerson', 'email', 'phone', 'streetAddress'],
    base: { postalCode: 'bad', fields: 'SEN', consent: 'yes' },
  },
  { path: '/my-account', fields: ['email'], base: {} },
];

describe('public forms shown again with an error', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const cases = FORMS.flatMap((form) =>
    form.fields.flatMap((field) =>
      PAYLOADS.map((payload) => [form.path, field, payload, form.base] as const),
    ),
  );

  it.each(cases)('should show %s %s = %j as text', async (path, field, payload, base) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'de', ...base, [field]: payload }).toString(),
      redirect: 'manual',
    });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    // The person sees exactly what they typed, in the field.
    expect(shownValue(html, field)).toBe(payload);
  });
});
