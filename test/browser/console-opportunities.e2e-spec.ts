import type { Page } from 'playwright-core';
import { insertOpportunity, insertProvider } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * A coordinator in Chromium: the opportunities list, a new opportunity (first with a mistake, then
 * right), its page with a status action, and editing it. Every page axe-clean, screenshots taken.
 */
describe('the console in Chromium: opportunities', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim.opps@agency.test',
    });
    const provider = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    await insertOpportunity(stack.dataSource, provider.id, { reviewBy: '2020-01-01' });
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function expectAccessible(name: string): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, name);
  }

  it('walks list → new → page → edit', async () => {
    await page.goto(`${stack.baseUrl}/console/opportunities`);
    await expect(page.locator('#opportunity-results tbody tr').allTextContents()).resolves.toEqual([
      expect.stringContaining('Spielenachmittag begleiten'),
    ]);
    expect(await page.locator('.overdue').count()).toBe(1);
    await expectAccessible('opportunities-list');

    await Promise.all([
      page.waitForURL(/\/console\/opportunities\/new$/),
      page.getByRole('link', { name: 'Neues Angebot' }).first().click(),
    ]);
    await expectAccessible('opportunity-new');
    await page.getByLabel('Träger').selectOption({ label: 'Seniorentreff Ottensen' });
    await page.getByLabel('Titel', { exact: true }).fill('Vorlesen im Seniorentreff');
    await page
      .getByLabel('Beschreibung')
      .fill('Einmal pro Woche aus der Zeitung vorlesen und darüber sprechen.');
    await page.getByLabel('Postleitzahl').fill('22765');
    await page.getByLabel('Wochentag 1').selectOption('3');
    await page.getByLabel('Von 1').fill('10:00');
    await page.getByLabel('Bis 1').fill('11:30');
    await page.getByLabel('Anzahl Plätze').fill('2');
    // No field of activity ticked: the form comes back with the problem at the top.
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Speichern' }).click(),
    ]);
    await expect(page.locator('#error-summary').textContent()).resolves.toContain('Tätigkeitsfelder');
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Vorlesen im Seniorentreff');
    await expectAccessible('opportunity-new-errors');

    await page.getByLabel('Senior:innen / Leben im Alter').check();
    await page.getByLabel('Gleich veröffentlichen').check();
    await Promise.all([
      page.waitForURL(/\/console\/opportunities\/[0-9a-f-]{36}\?done=saved$/),
      page.getByRole('button', { name: 'Speichern' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Vorlesen im Seniorentreff');
    await expect(page.locator('main').textContent()).resolves.toContain('Veröffentlicht');
    await expectAccessible('opportunity-page');

    await Promise.all([
      page.waitForURL(/done=status$/),
      page.getByRole('button', { name: 'Noch aktuell' }).click(),
    ]);
    await Promise.all([page.waitForURL(/\/edit$/), page.getByRole('link', { name: 'Bearbeiten' }).click()]);
    await expectAccessible('opportunity-edit');
    await page.getByLabel('Titel', { exact: true }).fill('Vorlesen im Seniorentreff Ottensen');
    await Promise.all([
      page.waitForURL(/done=saved$/),
      page.getByRole('button', { name: 'Speichern' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Vorlesen im Seniorentreff Ottensen');

    await page.goto(`${stack.baseUrl}/console/opportunities?q=Vorlesen&lang=en`);
    await expect(page.locator('#opportunity-results tbody tr').allTextContents()).resolves.toEqual([
      expect.stringContaining('Vorlesen im Seniorentreff Ottensen'),
    ]);
    await expectAccessible('opportunities-list-en');
  });
});
