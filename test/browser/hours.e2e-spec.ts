import type { Page } from 'playwright-core';
import { HourEntry } from '../../src/hours/hour-entry.entity';
import { addDays, berlinDateOf } from '../../src/shared/berlin-time';
import { createLinkToken } from '../../src/shared/signed-links';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { insertAcceptedAssignment } from '../factories/week.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;

/**
 * In Chromium: a volunteer logs hours on "Meine Stunden" (German, then Farsi, right to left) and
 * uses "wie immer"; a coordinator approves them in the console queue and prints the
 * Engagementnachweis. axe on every page, screenshots into test-artifacts/.
 */
describe('hours and the Engagementnachweis in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let volunteerId: string;
  let hoursUrl: string;
  let today: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    today = berlinDateOf(new Date());
    const volunteer = await insertVolunteer(stack.dataSource, { name: 'Anna Auer' });
    volunteerId = volunteer.id;
    await insertAcceptedAssignment(
      stack.dataSource,
      volunteer.id,
      { kind: 'weekly', slots: [{ weekday: 3, start: '10:00', end: '12:00' }], from: addDays(today, -90) },
      'Hertha Heimlich',
    );
    const provider = await insertProvider(stack.dataSource, { name: 'Stadtteilhaus Ottensen' });
    const opportunity = await insertOpportunity(stack.dataSource, provider.id, { title: 'Lesepatenschaft' });
    const [placement] = await stack.dataSource.query<{ id: string }[]>(
      `INSERT INTO placement (volunteer_id, opportunity_id, stage, source, started_on)
       VALUES ($1, $2, 'started', 'staff', $3) RETURNING id`,
      [volunteer.id, opportunity.id, addDays(today, -90)],
    );
    // One approved entry for the placement: "wie immer" repeats it.
    await stack.dataSource.query(
      `INSERT INTO hour_entry (volunteer_id, placement_id, worked_on, minutes, activity, status, entered_by)
       VALUES ($1, $2, $3, 105, 'Vorlesen', 'approved', 'staff')`,
      [volunteer.id, placement.id, addDays(today, -14)],
    );
    hoursUrl = `${stack.baseUrl}/preferences/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'preferences',
      subjectId: volunteer.id,
      action: 'account',
      expiresAt: new Date(Date.now() + DAY_MS),
      version: 1,
    })}/hours`;
    browser = await launchBrowser();
    page = browser.page;
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

  it('should let the volunteer log hours and confirm "wie immer", in German and in Farsi', async () => {
    await page.goto(hoursUrl);
    await expectAccessible('hours-volunteer-de');
    // Sent with nothing filled in: the problems named, still accessible.
    await page.fill('#field-workedOn', '');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Eintragen', exact: true }).click(),
    ]);
    await page.locator('#error-summary').waitFor();
    await expectAccessible('hours-volunteer-errors-de');

    await page.fill('#field-workedOn', addDays(today, -1));
    await page.fill('#field-hours', '2');
    await page.fill('#field-minutes-part', '15');
    await page.selectOption('#field-target', { label: 'Lesepatenschaft bei Stadtteilhaus Ottensen' });
    await page.fill('#field-activity', 'Vorlesen in der Kita');
    await Promise.all([
      page.waitForURL(/done=saved/),
      page.getByRole('button', { name: 'Eintragen', exact: true }).click(),
    ]);
    await page.locator('#hours-notice').waitFor();
    expect(await page.textContent('#hours-entries')).toContain('wartet auf Bestätigung');
    await Promise.all([
      page.waitForURL(/done=as-usual/),
      page.getByRole('button', { name: 'Wie immer eintragen' }).click(),
    ]);
    await expectAccessible('hours-volunteer-saved-de');

    await page.goto(`${hoursUrl}?lang=fa`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('h1')).toBe('ساعت‌های من');
    await expectAccessible('hours-volunteer-fa');
    const entries = await stack.dataSource
      .getRepository(HourEntry)
      .findBy({ volunteerId, status: 'submitted' });
    expect(entries.map((entry) => entry.minutes).sort()).toEqual([105, 135]);
  });

  it('should let the coordinator approve in the queue and print the proof', async () => {
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/hours`);
    await expectAccessible('hours-console-queue');
    for (const box of await page.locator('#hours-queue input[type=checkbox]').all()) {
      await box.check();
    }
    await Promise.all([
      page.waitForURL(/done=approved-2/),
      page.getByRole('button', { name: 'Ausgewählte bestätigen' }).click(),
    ]);
    await page.locator('#hours-queue-empty').waitFor();
    await expectAccessible('hours-console-queue-done');

    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}`);
    await page.locator('#h-hours').waitFor();
    await expectAccessible('hours-console-profile');

    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}/proof?year=${today.slice(0, 4)}`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Engagementnachweis');
    expect(text).toContain('Anna Auer');
    expect(text).not.toContain('Hertha');
    await expectAccessible('hours-proof-de');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.no-print')).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${stack.baseUrl}/console/settings/hours`);
    await expectAccessible('hours-settings');
  });
});
