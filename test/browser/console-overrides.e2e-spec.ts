import type { Page } from 'playwright-core';
import { weekdayOf } from '../../src/shared/schedule';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

/** Keyboard only: every control is reached by focus and used with the keyboard, never clicked. */
describe('the console in Chromium: override with a reason, and a safeguarding rule refusing one', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let requestId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
    });
    const token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    const date = daysAhead(5);
    const other = ((weekdayOf(date) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    const ids: Record<string, string> = {};
    for (const name of ['Mona Ausnahme', 'Bert Gesperrt']) {
      const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({
          name,
          postalCode: '22523',
          maxTravelKm: 1,
          availability: [{ weekday: other, start: '08:00', end: '20:00' }],
        }),
      });
      expect(status).toBe(201);
      ids[name] = body.id;
    }
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        postalCode: '22523',
        schedule: { kind: 'one-off', date, start: '10:00', end: '11:00' },
      }),
    });
    requestId = created.body.id;
    const settled = await eventually('matched (nobody fits)', async () => {
      const { body } = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, {
        token,
      });
      return body.status === 'open' ? body : null;
    });
    const block = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/help-seekers/${settled.helpSeekerId}/blocks`,
      {
        token,
        body: { volunteerId: ids['Bert Gesperrt'], reason: 'auf Wunsch der Hilfesuchenden' },
      },
    );
    expect(block.status).toBe(201);
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function lookUp(name: string): Promise<void> {
    await page.goto(`${stack.baseUrl}/console/requests/${requestId}`);
    await page.getByLabel('Name oder E-Mail der oder des Freiwilligen').focus();
    await page.keyboard.type(name);
    await Promise.all([page.waitForURL(/volunteer=/), page.keyboard.press('Enter')]);
  }

  it('overrides a soft rule with a reason, by keyboard', async () => {
    await lookUp('Mona Ausnahme');
    const panel = page.locator('#engine-panel');
    await expect(panel.textContent()).resolves.toContain('Nur mit Ausnahme möglich');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-override-form');

    await page.getByLabel('Begründung der Ausnahme (Mona Ausnahme)').focus();
    await page.keyboard.type('Kann diesmal vormittags, telefonisch besprochen');
    await page.keyboard.press('Tab'); // the "agreed by phone" checkbox: left unticked
    await page.keyboard.press('Tab'); // the submit button
    await Promise.all([page.waitForURL(/done=overridden/), page.keyboard.press('Enter')]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Mit Ausnahme vorgeschlagen',
    );
    await expect(panel.textContent()).resolves.toContain('Kann diesmal vormittags, telefonisch besprochen');
    const [match] = await stack.dataSource.query(
      `SELECT override_reason, overridden_rules FROM match WHERE request_id = $1`,
      [requestId],
    );
    expect(match).toEqual({
      override_reason: 'Kann diesmal vormittags, telefonisch besprochen',
      overridden_rules: ['not-available'],
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-override-done');
  });

  it('refuses an override where a safeguarding rule applies, and offers no form', async () => {
    await lookUp('Bert Gesperrt');
    const refusal = page.locator('#engine-panel [data-refusal="safeguarding"]');
    await expect(refusal.textContent()).resolves.toContain('Schutzregeln können nie übergangen werden');
    await expect(page.locator('#engine-panel .override-form').count()).resolves.toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-override-refused');
  });
});
