import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { addDays, berlinDateOf } from '../../src/shared/berlin-time';
import { mondayOf } from '../../src/shared/iso-week';
import { volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { insertAcceptedAssignment } from '../factories/week.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  SCREENSHOT_DIR,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { join } from 'node:path';

/**
 * The coordinator's week in Chromium, keyboard only: filter volunteers by field, language name and
 * "this week" and download the result; the week view with its clash; the case sheet as printed.
 */
describe('the console in Chromium: volunteer search and export, week view, case sheet', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let requestId: string;
  const monday = mondayOf(berlinDateOf(new Date()));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim.week@agency.test',
    });
    const token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    const ids: string[] = [];
    for (const body of [
      volunteerBody({
        name: 'Ayşe Wochenplan',
        languages: [{ code: 'tr', level: 'native' }],
        interests: ['SEN'],
      }),
      volunteerBody({ name: 'Bruno Andere', interests: ['SEN'] }),
    ]) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', { token, body });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    requestId = await insertAcceptedAssignment(
      stack.dataSource,
      ids[0],
      { kind: 'one-off', date: addDays(monday, 2), start: '10:00', end: '11:00' },
      'Helga Petersen',
      {
        seeker: {
          contactPersonName: 'Jan Petersen',
          contactPersonRelationship: 'relative',
          accessibilityNeeds: ['walker'],
        },
      },
    );
    await insertAcceptedAssignment(
      stack.dataSource,
      ids[0],
      { kind: 'weekly', from: addDays(monday, -28), slots: [{ weekday: 3, start: '10:30', end: '12:00' }] },
      'Otto Weber',
      { createdAt: new Date(Date.now() - 35 * 86_400_000) },
    );
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

  it('filters volunteers by keyboard and downloads the result as CSV', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    await tabTo(page, 'select[name="interest"]');
    await page.keyboard.type('Sen');
    await tabTo(page, 'input[name="language"]');
    await page.keyboard.type('Türkisch');
    await tabTo(page, 'input[name="thisWeek"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[role="search"] button[type="submit"]');
    await Promise.all([page.waitForURL(/thisWeek=1/), page.keyboard.press('Enter')]);
    expect(page.url()).toContain('interest=SEN');
    expect(await page.locator('#volunteer-results tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Ayşe Wochenplan'),
    ]);
    await expectAccessible('console-volunteer-search');

    await tabTo(page, '#volunteer-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const path = join(SCREENSHOT_DIR, '..', 'volunteers-export.csv');
    await download.saveAs(path);
    const text = await readFile(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.trimEnd().split('\r\n')).toHaveLength(2);
    expect(text).toContain('Ayşe Wochenplan;');
  });

  it('says an unknown language on the page', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    await tabTo(page, 'input[name="language"]');
    await page.keyboard.type('Klingonisch');
    await tabTo(page, 'form[role="search"] button[type="submit"]');
    await Promise.all([page.waitForURL(/language=Klingonisch/), page.keyboard.press('Enter')]);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Klingonisch');
    await expectAccessible('console-volunteer-search-unknown');
  });

  it('shows the week with the clash marked, and prints it without navigation', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    await tabTo(page, 'header a[href="/console/week"]');
    await Promise.all([page.waitForURL(/\/console\/week$/), page.keyboard.press('Enter')]);
    expect(await page.locator('tr[data-clash="true"]').count()).toBe(2);
    await expectAccessible('console-week');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('tr[data-clash="true"]').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-week-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // Next week by keyboard.
    await tabTo(page, 'a[rel="next"]');
    await Promise.all([page.waitForURL(/week=\d{4}-W\d{2}/), page.keyboard.press('Enter')]);
    expect(await page.locator('tr[data-clash="true"]').count()).toBe(0);
  });

  it('opens the case sheet from the request page and prints it black on white', async () => {
    await page.goto(`${stack.baseUrl}/console/requests/${requestId}`);
    await tabTo(page, '#case-sheet-link');
    await Promise.all([page.waitForURL(/\/sheet$/), page.keyboard.press('Enter')]);
    await expect(page.locator('#sheet-name').textContent()).resolves.toBe('Helga Petersen');
    await expectAccessible('console-case-sheet');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return [style.color, style.backgroundColor];
    });
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-case-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});
