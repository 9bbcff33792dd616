import type { Page } from 'playwright-core';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import {
  launchBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

const HOUR = 3600_000;

describe('Heute as a coordinator sees it, by keyboard (Chromium + axe)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let overdue: string;
  let escalated: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    await createStaffUser(stack.dataSource, { name: 'Ada Admin', email: 'ada@agency.test', role: 'admin' });
    const token = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', { token, body: volunteerBody() });
    const create = async (name: string) => {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody({
          urgency: 'high',
          helpSeeker: { name, phone: '040 1234567', preferredContact: 'phone' },
        }),
      });
      expect(created.status).toBe(201);
      await eventually('proposals', async () => {
        const [row] = await stack.dataSource.query(`SELECT status FROM help_request WHERE id = $1`, [
          created.body.id,
        ]);
        return row.status === 'proposals-ready' ? true : null;
      });
      return created.body.id as string;
    };
    overdue = await create('Olga Überfällig');
    escalated = await create('Emil Eskaliert');
    await stack.dataSource.query(`UPDATE help_request SET status_changed_at = $2 WHERE id = ANY($1)`, [
      [overdue, escalated],
      new Date(Date.now() - 7 * HOUR),
    ]);
    // help_request.escalated_at comes with the answer-deadline work; Heute reads it when present.
    await stack.dataSource.query(
      `ALTER TABLE help_request ADD COLUMN IF NOT EXISTS escalated_at timestamptz`,
    );
    await stack.dataSource.query(`UPDATE help_request SET escalated_at = now() WHERE id = $1`, [escalated]);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function type(selector: string, text: string): Promise<void> {
    await tabTo(page, selector);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text);
  }

  async function logIn(email: string): Promise<void> {
    await page.goto(`${stack.baseUrl}/console/login`);
    await type('input[name="email"]', email);
    await type('input[name="password"]', STAFF_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/login')),
      page.keyboard.press('Enter'),
    ]);
  }

  it('should show the escalated request first and the overdue one highlighted, each once, and open it by keyboard', async () => {
    await logIn('kim@agency.test');
    await page.goto(`${stack.baseUrl}/console`);
    const escalatedSection = page.locator('#section-escalated');
    const overdueSection = page.locator('#section-overdue');
    await expect(escalatedSection.textContent()).resolves.toContain('Emil Eskaliert');
    await expect(escalatedSection.textContent()).resolves.toContain('Eskaliert – bitte selbst anrufen');
    await expect(overdueSection.textContent()).resolves.toContain('Olga Überfällig');
    await expect(overdueSection.textContent()).resolves.toMatch(/3 Std\. (\d+ Min\. )?über der Frist/);
    await expect(page.locator(`a[href="/console/requests/${overdue}"]`).count()).resolves.toBe(1);
    await expect(page.locator(`a[href="/console/requests/${escalated}"]`).count()).resolves.toBe(1);
    await expect(page.locator('#section-new').textContent()).resolves.not.toContain('Olga');
    await expect(page.locator('li.flagged').count()).resolves.toBe(2);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'today-escalated-overdue');

    await tabTo(page, `a[href="/console/requests/${escalated}"]`);
    await Promise.all([
      page.waitForURL(new RegExp(`/console/requests/${escalated}$`)),
      page.keyboard.press('Enter'),
    ]);
    await expect(page.locator('main').textContent()).resolves.toMatch(/einmalig: /);
  });

  it('should let an admin change the thresholds by keyboard, with field errors for bad input', async () => {
    await browser.context.clearCookies();
    await logIn('ada@agency.test');
    await page.goto(`${stack.baseUrl}/console/settings/urgency`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await type('input[name="high.amount"]', '0');
    await type('input[name="openingHours"]', 'Montag früh');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('.error-summary');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Frist bei Dringlichkeit');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'urgency-settings-errors');

    await type('input[name="high.amount"]', '8');
    await type('input[name="openingHours"]', '');
    await Promise.all([
      page.waitForURL(/\/console\/settings\/urgency\?done=settings-saved$/),
      page.keyboard.press('Enter'),
    ]);
    await screenshotBothWidths(page, 'urgency-settings');
    await page.goto(`${stack.baseUrl}/console`);
    // Eight hours: the request waiting seven is no longer overdue; nobody opened it yet, so it is new.
    await expect(page.locator('#section-overdue').textContent()).resolves.not.toContain('Olga');
    await expect(page.locator('#section-new').textContent()).resolves.toContain('Olga');
  });
});
