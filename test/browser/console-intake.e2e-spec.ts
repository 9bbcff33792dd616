import type { Page } from 'playwright-core';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead } from '../factories/api-bodies.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * Phone intake by keyboard alone (no mouse, no fill()): a weekly visiting service with
 * accessibility needs, their oral Art. 9 consent and a relative calling on the person's behalf.
 * axe on the intake form, the call-back list and the public forms (German and Arabic).
 */
describe('phone intake in Chromium, keyboard only; call-backs and public forms with axe', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function expectAccessible(name: string): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, name);
  }

  const focusedName = () =>
    page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

  /** Tab to a field by its name and type into it. */
  async function typeInto(name: string, text: string): Promise<void> {
    await tabTo(page, `[name="${name}"]`);
    await page.keyboard.type(text);
  }

  /** A date typed as the browser's date field expects it (day, month, year in the locale's order). */
  async function typeDate(name: string, isoDate: string): Promise<void> {
    const order = await page.evaluate(() =>
      new Intl.DateTimeFormat(navigator.language)
        .formatToParts(new Date(2026, 11, 24))
        .filter((part) => ['day', 'month', 'year'].includes(part.type))
        .map((part) => part.type),
    );
    const [year, month, day] = isoDate.split('-');
    const parts: Record<string, string> = { year, month, day };
    await tabTo(page, `[name="${name}"]`);
    for (const part of order) {
      await page.keyboard.type(parts[part]);
    }
  }

  /** A time field: hours and minutes typed as digits (the field moves on by itself). */
  async function typeTime(name: string, time: string): Promise<void> {
    const twelveHours = await page.evaluate(
      () =>
        new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hour12 === true,
    );
    await tabTo(page, `[name="${name}"]`);
    const [hours, minutes] = time.split(':').map(Number);
    if (twelveHours) {
      const shown = hours % 12 === 0 ? 12 : hours % 12;
      await page.keyboard.type(`${String(shown).padStart(2, '0')}${String(minutes).padStart(2, '0')}`);
      await page.keyboard.type(hours < 12 ? 'A' : 'P');
    } else {
      await page.keyboard.type(time.replace(':', ''));
    }
  }

  async function tick(selector: string): Promise<void> {
    await tabTo(page, selector);
    await page.keyboard.press('Space');
  }

  it('should take a weekly visiting service with accessibility needs, oral consent and a caller on behalf, by keyboard alone', async () => {
    await page.goto(`${stack.baseUrl}/console/intake`);
    expect(await focusedName()).toBe('q'); // autofocus on the first field: "a known person?"
    await expectAccessible('intake-empty');

    // Enter in the search field searches; nobody is known yet, the name is taken over.
    await page.keyboard.type('Gisela Wochenbesuch');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('text=Niemand gefunden.');
    expect(await focusedName()).toBe('helpSeekerId');
    expect(await page.inputValue('[name="name"]')).toBe('Gisela Wochenbesuch');

    await tabTo(page, '[name="salutation"]');
    await page.keyboard.type('Frau');
    await typeInto('phone', '040 8001001');
    await typeInto('streetAddress', 'Große Bergstraße 20');
    await typeInto('postalCode', '22765');
    await tick('[name="onBehalf"]');
    await typeInto('contactName', 'Jens Wochenbesuch');
    await tabTo(page, '[name="contactRelationship"]');
    await page.keyboard.type('Angeh');
    await typeInto('contactPhone', '040 8001002');
    await tabTo(page, '[name="category"]');
    await page.keyboard.type('Besuchsdienst');
    await typeInto('description', 'Wöchentlicher Besuch, sitzt im Rollstuhl');
    await typeInto('volunteerSummary', 'Wöchentlicher Besuch zum Reden und Vorlesen');
    // One-off is chosen; the arrow key moves the radio group to weekly.
    await tabTo(page, '[name="scheduleKind"]:checked');
    await page.keyboard.press('ArrowRight');
    await typeDate('from', daysAhead(7));
    await tabTo(page, '[name="weekday0"]');
    await page.keyboard.type('Dienstag');
    await typeTime('slotStart0', '09:00');
    await typeTime('slotEnd0', '12:00');
    await tabTo(page, '[name="weekday1"]');
    await page.keyboard.type('Donnerstag');
    await typeTime('slotStart1', '14:00');
    await typeTime('slotEnd1', '16:00');
    await tick('[name="needs"][value="wheelchair"]');
    await tick('[name="needs"][value="hearing"]');
    await tick('[name="healthConsent"]');
    // The caller said she is over 70: the optional priority group for the funders' figures.
    await tick('[name="priorityGroups"][value="older-people"]');
    await tick('[name="consent"]');
    await expectAccessible('intake-filled');
    await tabTo(page, 'button[value="save"]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]+\?done=created$/).catch(async (error: unknown) => {
      await screenshotBothWidths(page, 'intake-not-saved');
      throw new Error(
        `${String(error)}: ${await page
          .locator('#error-summary')
          .textContent()
          .catch(() => '')}`,
      );
    });

    const requestId = new URL(page.url()).pathname.split('/').pop()!;
    const [stored] = await stack.dataSource.query(
      `SELECT r.schedule, r.starts_at AS "startsAt", r.volunteer_summary AS "summary", r.street_address AS "street",
              s.salutation, s.contact_person_name AS "contactName", s.contact_person_relationship AS "relationship",
              s.accessibility_needs AS "needs", s.priority_groups AS "groups", s.id AS "seekerId"
         FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id WHERE r.id = $1`,
      [requestId],
    );
    expect(stored).toMatchObject({
      schedule: {
        kind: 'weekly',
        from: daysAhead(7),
        slots: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 4, start: '14:00', end: '16:00' },
        ],
      },
      summary: 'Wöchentlicher Besuch zum Reden und Vorlesen',
      street: 'Große Bergstraße 20',
      salutation: 'frau',
      contactName: 'Jens Wochenbesuch',
      relationship: 'relative',
      needs: ['wheelchair', 'hearing'],
      groups: ['older-people'],
    });
    expect(stored.startsAt).not.toBeNull();
    const consents = await stack.dataSource.query(
      `SELECT purpose, mode FROM consent_record WHERE subject_id = $1 ORDER BY purpose`,
      [stored.seekerId],
    );
    expect(consents).toEqual([
      { purpose: 'data-processing', mode: 'oral' },
      { purpose: 'health-data', mode: 'oral' },
    ]);
  }, 120_000);

  it('should show the problems at the top with links to their fields, keeping what was typed', async () => {
    await page.goto(`${stack.baseUrl}/console/intake`);
    await typeInto('name', 'Otto Fehler');
    await tick('[name="needs"][value="walker"]');
    await tabTo(page, 'button[value="save"]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('#error-summary');
    const links = await page
      .locator('#error-summary a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#field-category', '#field-postalCode']));
    for (const href of links) {
      expect(await page.locator(href!).count()).toBe(1);
    }
    expect(await page.inputValue('[name="name"]')).toBe('Otto Fehler');
    expect(await page.isChecked('[name="needs"][value="walker"]')).toBe(true);
    await expectAccessible('intake-errors');
  });

  it('should list call-backs without serious axe violations', async () => {
    const response = await fetch(`${stack.baseUrl}/help/call-back`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Rosa Rückruf',
        phone: '040 8002001',
        postalCode: '22765',
        description: 'Einkäufe',
        consent: 'yes',
      }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    await page.goto(`${stack.baseUrl}/console`);
    await tabTo(page, 'a[href="/console/call-backs"]');
    await Promise.all([page.waitForURL(/\/console\/call-backs$/), page.keyboard.press('Enter')]);
    expect(await page.locator('main').textContent()).toContain('Rosa Rückruf');
    await expectAccessible('call-backs');
    await tabTo(page, 'a[href^="/console/call-backs/"]');
    await Promise.all([page.waitForURL(/\/console\/call-backs\/[0-9a-f-]+$/), page.keyboard.press('Enter')]);
    expect(await page.inputValue('[name="name"]')).toBe('Rosa Rückruf');
    await expectAccessible('call-back-complete');
  });

  it.each(['de', 'ar'])('should have no serious axe violations on the public forms in %s', async (lang) => {
    for (const path of ['/help', '/help/call-back', '/volunteer']) {
      await page.goto(`${stack.baseUrl}${path}?lang=${lang}`);
      expect({ path, violations: await seriousAxeViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.goto(`${stack.baseUrl}/help?lang=${lang}`);
    expect(await page.locator('[name="neededLanguage"]').count()).toBe(1);
    expect(await page.locator('[name="streetAddress"]').count()).toBe(1);
    await screenshotBothWidths(page, `public-help-${lang}`);
    await page.goto(`${stack.baseUrl}/volunteer?lang=${lang}`);
    await screenshotBothWidths(page, `public-volunteer-${lang}`);
  });
});
