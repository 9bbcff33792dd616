import { csrfTokenFor } from '../../src/web/console/csrf';
import { Provider } from '../../src/providers/provider.entity';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/*
 * Staff and the public type free text that every console page shows again. Whatever they type,
 * the pages must show it as text: never a tag, never an attribute that breaks out, never a
 * javascript: link.
 */
const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';

/** Anything that would run in a browser if a payload went out unescaped. */
const EXECUTABLE = [/<script>alert/i, /<img src=x/i, /href="javascript:/i, /src="javascript:/i];

describe('console pages with hostile free text', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let cookie: string;
  let csrf: string;
  let requestId: string;
  let volunteerId: string;
  let providerId: string;

  async function page(path: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  }

  async function post(
    path: string,
    form: Record<string, string | string[]>,
  ): Promise<{ status: number; html: string }> {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(key, item);
      }
    }
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  }

  function expectEscaped(path: string, html: string, shown: string[]): void {
    for (const pattern of EXECUTABLE) {
      expect([path, pattern.test(html)]).toEqual([path, false]);
    }
    for (const text of shown) {
      // The renderer writes "<" as "&lt;" in text and "\"" as "&quot;" in attributes.
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      expect([path, text, html.includes(escaped) || html.includes(escaped.replace(/"/g, '&quot;'))]).toEqual([
        path,
        text,
        true,
      ]);
    }
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Ada Admin', email: 'ada@agency.test', role: 'admin' });
    const token = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);

    // A public request whose help-seeker name and description are payloads.
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        description: `${SCRIPT} ${BREAKOUT} ${JS_URL}`,
        helpSeeker: {
          name: `Erika ${BREAKOUT}`,
          phone: '040 1234567',
          streetAddress: `${SCRIPT} 1`,
          preferredContact: 'phone',
        },
      }),
    });
    expect(created.status).toBe(201);
    requestId = created.body.id;

    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: `Vera ${SCRIPT}` }),
    });
    expect(volunteer.status).toBe(201);
    volunteerId = volunteer.body.id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should store hostile text through the console forms', async () => {
    const note = await post(`/console/requests/${requestId}/notes`, {
      body: `${SCRIPT} ${BREAKOUT} ${JS_URL}`,
    });
    expect(note.status).toBe(303);
    const provider = await post('/console/providers', {
      name: `Treff ${BREAKOUT}`,
      contactPerson: `${SCRIPT}`,
      email: 'treff@example.org',
      streetAddress: JS_URL,
      postalCode: '22765',
      fieldsOfActivity: ['SEN'],
    });
    expect(provider.status).toBe(303);
    providerId = (
      await stack.dataSource.getRepository(Provider).findOneByOrFail({ email: 'treff@example.org' })
    ).id;
    const colleague = await post('/console/settings/staff', {
      name: `Kim ${BREAKOUT}`,
      email: 'kim@agency.test',
      role: 'coordinator',
      password: 'ein langes passwort',
    });
    expect(colleague.status).toBe(303);
    const agency = await post('/console/settings/agency', {
      name: `Agentur ${SCRIPT}`,
      street: `Straße ${BREAKOUT}`,
      postalCode: '22765',
      city: 'Hamburg',
      phone: '040 123 456 78',
      email: 'kontakt@agentur.example',
      openingHours: JS_URL,
      imprint: `Impressum ${SCRIPT} ${BREAKOUT}`,
      accessibilityStatement: `Barrierefreiheit ${SCRIPT}`,
    });
    expect(agency.status).toBe(303);
    await expect(stack.dataSource.getRepository(HelpRequest).countBy({ id: requestId })).resolves.toBe(1);
  });

  it('should refuse a javascript: link in the agency profile and show the form again, escaped', async () => {
    const refused = await post('/console/settings/agency', {
      name: `Agentur ${SCRIPT}`,
      street: 'Straße 1',
      postalCode: '22765',
      city: 'Hamburg',
      phone: '040 123 456 78',
      email: 'kontakt@agentur.example',
      openingHours: 'immer',
      imprint: 'Impressum mit genug Text',
      accessibilityStatement: 'Barrierefreiheit mit genug Text',
      privacyPolicyUrl: JS_URL,
      logoUrl: BREAKOUT,
    });
    expect(refused.status).toBe(400);
    expectEscaped('/console/settings/agency (refused)', refused.html, [`Agentur ${SCRIPT}`]);
    expect(refused.html).toContain('value="javascript:alert(1)"');
  });

  it('should show every stored payload escaped on every page that shows it', async () => {
    const pages: [string, string[]][] = [
      ['/console', []],
      [`/console/requests/${requestId}`, [SCRIPT, BREAKOUT, `Erika ${BREAKOUT}`, `Notiz: ${SCRIPT}`]],
      ['/console/volunteers', [`Vera ${SCRIPT}`]],
      [`/console/volunteers?q=${encodeURIComponent('Vera <script>')}`, [`Vera ${SCRIPT}`]],
      [`/console/volunteers/${volunteerId}`, [`Vera ${SCRIPT}`]],
      ['/console/providers', [`Treff ${BREAKOUT}`, SCRIPT]],
      [`/console/providers/${providerId}`, [`Treff ${BREAKOUT}`, SCRIPT, JS_URL]],
      ['/console/settings', []],
      ['/console/settings/staff', [`Kim ${BREAKOUT}`]],
      ['/console/settings/agency', [`Agentur ${SCRIPT}`, `Straße ${BREAKOUT}`, `Impressum ${SCRIPT}`]],
      [`/console/requests/${requestId}?volunteer=${encodeURIComponent(BREAKOUT)}`, [BREAKOUT]],
    ];
    for (const [path, shown] of pages) {
      const { status, html } = await page(path);
      expect([path, status]).toEqual([path, 200]);
      expectEscaped(path, html, shown);
    }
  });
});
