import type { Page } from 'playwright-core';
import { publicHelpRequestBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * A coordinator finds work by keyboard only: filters the requests list, opens a request from it,
 * then finds a help-seeker and opens their profile (axe on each page, screenshots).
 */
describe('finding requests and help-seekers in Chromium, by keyboard', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    for (const [key, name, category, postalCode, description] of [
      ['greta', 'Greta Petersen', 'shopping', '22765', 'Wocheneinkauf im Supermarkt um die Ecke'],
      ['hans', 'Hans Müller', 'visiting', '22307', 'Besuch und Vorlesen am Nachmittag'],
      ['gretaAgain', 'Greta Petersen', 'pharmacy', '22765', 'Rezept in der Apotheke abholen'],
    ]) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody({
          category,
          postalCode,
          description,
          helpSeeker: { name, phone: '040 1234567', preferredContact: 'phone' },
        }),
      });
      expect(created.status).toBe(201);
      ids[key] = created.body.id;
    }
    // Both of Greta's requests belong to the same person (as the duplicate check at intake would do).
    const [second] = await stack.dataSource.query<{ id: string }[]>(
      `SELECT help_seeker_id AS id FROM help_request WHERE id = $1`,
      [ids.gretaAgain],
    );
    await stack.dataSource.query(
      `UPDATE help_request SET help_seeker_id = (SELECT help_seeker_id FROM help_request WHERE id = $1) WHERE id = $2`,
      [ids.greta, ids.gretaAgain],
    );
    await stack.dataSource.query(`DELETE FROM help_seeker WHERE id = $1`, [second.id]);
    await stack.dataSource.query(
      `INSERT INTO help_request_note (request_id, body) VALUES ($1, 'Rückruf vereinbart')`,
      [ids.greta],
    );
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
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

  async function pressEnterAndWait(url: RegExp): Promise<void> {
    await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
  }

  const rowDescriptions = (): Promise<string[]> =>
    page.locator('#request-results tbody tr td:nth-child(4) a').allTextContents();

  it('filters the requests list and opens a request', async () => {
    await page.goto(`${stack.baseUrl}/console`);
    await tabTo(page, 'nav a[href="/console/requests"]');
    await pressEnterAndWait(/\/console\/requests$/);
    expect(await rowDescriptions()).toHaveLength(3);
    await expectAccessible('request-list');

    await tabTo(page, '#field-q');
    await page.keyboard.type('petersen');
    await tabTo(page, '#field-category');
    await page.keyboard.type('Einkauf'); // type-ahead picks "Einkaufshilfe"
    await tabTo(page, 'form[role="search"] button[type="submit"]');
    await pressEnterAndWait(/q=petersen/);
    expect(new URL(page.url()).searchParams.get('category')).toBe('shopping');
    expect(await rowDescriptions()).toEqual(['Wocheneinkauf im Supermarkt um die Ecke']);
    await expectAccessible('request-list-filtered');

    // A bad day in the address: the field says so, the page does not break.
    await page.goto(`${stack.baseUrl}/console/requests?createdFrom=2026-02-30&district=Atlantis`);
    await expect(page.locator('#error-summary').textContent()).resolves.toContain('„Atlantis“');
    await expectAccessible('request-list-errors');

    await page.goto(`${stack.baseUrl}/console/requests?q=petersen&category=shopping`);
    await tabTo(page, `#request-results a[href="/console/requests/${ids.greta}"]`);
    await pressEnterAndWait(new RegExp(`/console/requests/${ids.greta}$`));
    await expect(page.locator('h1').textContent()).resolves.toContain('Einkaufshilfe');
  });

  it('finds a help-seeker by phone number and opens the profile with both requests', async () => {
    await page.goto(`${stack.baseUrl}/console`);
    await tabTo(page, 'nav a[href="/console/help-seekers"]');
    await pressEnterAndWait(/\/console\/help-seekers$/);
    await expectAccessible('help-seeker-list');
    await tabTo(page, '#field-q');
    await page.keyboard.type('040 / 123 45 67');
    await pressEnterAndWait(/q=040/);
    const names = await page.locator('#seeker-results tbody a').allTextContents();
    expect(names).toEqual(['Greta Petersen', 'Hans Müller']);
    const [greta] = await stack.dataSource.query<{ id: string }[]>(
      `SELECT help_seeker_id AS id FROM help_request WHERE id = $1`,
      [ids.greta],
    );
    await tabTo(page, `#seeker-results a[href="/console/help-seekers/${greta.id}"]`);
    await pressEnterAndWait(/\/console\/help-seekers\/[0-9a-f-]{36}$/);
    await expect(page.locator('#seeker-requests').textContent()).resolves.toMatch(
      /Apothekengang[\s\S]*Einkaufshilfe/,
    );
    await expect(page.locator('#seeker-timeline').textContent()).resolves.toContain('Rückruf vereinbart');
    await expectAccessible('help-seeker-profile');
    const audited = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'help-seeker.viewed'`,
    );
    expect(audited[0].n).toBe(1);
  });
});
