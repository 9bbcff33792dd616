import type { Page } from 'playwright-core';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
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

/**
 * A coordinator edits a request and the person, in Chromium, with the keyboard only: the needed
 * language changes and the proposals follow; the help-seeker gets a contact person and, with the
 * oral consent ticked, accessibility needs (without it the form says why and stores nothing).
 */
describe('the console in Chromium: edit a request and a help-seeker by keyboard', () => {
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
    for (const [name, languages] of [
      [
        'Ayşe Türkisch',
        [
          { code: 'de', level: 'C1' },
          { code: 'tr', level: 'native' },
        ],
      ],
      ['Bernd Deutsch', [{ code: 'de', level: 'native' }]],
      [
        'Cem Zweisprachig',
        [
          { code: 'de', level: 'native' },
          { code: 'tr', level: 'B2' },
        ],
      ],
    ] as const) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ name, languages }),
      });
      expect(created.status).toBe(201);
    }
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: {
        category: 'shopping',
        description: 'Einkauf, Frau Petersen sieht schlecht und kann die Preise nicht lesen',
        postalCode: '22765',
        schedule: { kind: 'one-off', date: daysAhead(5), start: '10:00', end: '11:00' },
        helpSeeker: { name: 'Kim Petersen', phone: '040 9876543', preferredContact: 'phone' },
        consent: { dataProcessing: true },
      },
    });
    expect(created.status).toBe(201);
    requestId = created.body.id;
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

  async function candidates(count: number): Promise<string[]> {
    return eventually(`${count} candidates`, async () => {
      await page.reload();
      const names = await page
        .locator('#candidates tbody tr[data-status="proposed"] td:nth-child(2) a')
        .allTextContents();
      return names.length === count ? names.sort() : null;
    });
  }

  async function typeInto(selector: string, text: string): Promise<void> {
    await tabTo(page, selector);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  it('should log in and change the needed language: the proposals follow', async () => {
    await page.goto(`${stack.baseUrl}/console/login`);
    await typeInto('input[type="email"]', 'kim@agency.test');
    await typeInto('input[type="password"]', STAFF_PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/login')),
      page.keyboard.press('Enter'),
    ]);

    await page.goto(`${stack.baseUrl}/console/requests/${requestId}`);
    expect(await candidates(3)).toEqual(['Ayşe Türkisch', 'Bernd Deutsch', 'Cem Zweisprachig']);
    await expect(page.locator('#volunteer-text').textContent()).resolves.toContain(
      'Die Einzelheiten besprechen wir mit Ihnen',
    );

    await tabTo(page, `a[href="/console/requests/${requestId}/edit"]`);
    await Promise.all([page.waitForURL(/\/edit$/), page.keyboard.press('Enter')]);
    await expectAccessible('request-edit');
    await typeInto('#field-neededLanguage', 'tr');
    await typeInto(
      '#field-volunteerSummary',
      'Einkauf im Supermarkt mit türkischer Einkaufsliste, etwa eine Stunde',
    );
    await tabTo(page, 'form.card button[type="submit"]');
    await Promise.all([page.waitForURL(/done=saved/), page.keyboard.press('Enter')]);

    expect(await candidates(2)).toEqual(['Ayşe Türkisch', 'Cem Zweisprachig']);
    await expect(page.locator('#volunteer-text').textContent()).resolves.toBe(
      'Einkauf im Supermarkt mit türkischer Einkaufsliste, etwa eine Stunde',
    );
    await expect(page.locator('main').textContent()).resolves.toContain('Gespeichert.');
    await screenshotBothWidths(page, 'request-after-edit');
  });

  it('should refuse needs without consent, then save them with the oral consent and a contact person', async () => {
    await tabTo(page, 'a[href*="/help-seekers/"][href*="/edit"]');
    await Promise.all([page.waitForURL(/\/help-seekers\/.+\/edit/), page.keyboard.press('Enter')]);
    await expectAccessible('help-seeker-edit');
    await tabTo(page, '#field-salutation');
    await page.keyboard.press('Home'); // "Frau" is the first choice
    await typeInto('#field-accessibilityNeeds', 'Sehbehinderung, große Schrift');
    await typeInto('#field-contactPersonName', 'Frauke Petersen');
    await tabTo(page, '#field-contactPersonRelationship');
    await page.keyboard.press('ArrowDown'); // Angehörige/r
    await typeInto('#field-contactPersonPhone', '040 5550001');
    await tabTo(page, 'form.card button[type="submit"]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);

    // Without the ticked consent: the form again, the problem beside the needs, nothing stored.
    await expect(page.locator('#field-accessibilityNeeds-error').textContent()).resolves.toMatch(/\S/);
    await expect(page.locator('#field-accessibilityNeeds').inputValue()).resolves.toBe(
      'Sehbehinderung, große Schrift',
    );
    await expectAccessible('help-seeker-edit-errors');
    const [before] = await stack.dataSource.query(
      `SELECT s.accessibility_needs AS needs, s.contact_person_name AS "contactPerson" FROM help_seeker s
         JOIN help_request r ON r.help_seeker_id = s.id WHERE r.id = $1`,
      [requestId],
    );
    expect(before).toEqual({ needs: [], contactPerson: null });

    await tabTo(page, '#field-healthDataConsent');
    await page.keyboard.press('Space');
    await tabTo(page, 'form.card button[type="submit"]');
    await Promise.all([page.waitForURL(/\/console\/requests\/.+done=saved/), page.keyboard.press('Enter')]);
    await expect(page.locator('#accessibility-needs').textContent()).resolves.toBe(
      'Sehbehinderung, große Schrift',
    );
    await expect(page.locator('#contact-person').textContent()).resolves.toContain(
      'Frauke Petersen (Angehörige/r)',
    );
    const [after] = await stack.dataSource.query(
      `SELECT s.salutation, s.contact_person_relationship AS relationship FROM help_seeker s
         JOIN help_request r ON r.help_seeker_id = s.id WHERE r.id = $1`,
      [requestId],
    );
    expect(after).toEqual({ salutation: 'frau', relationship: 'relative' });
    await screenshotBothWidths(page, 'request-after-person-edit');
  });
});
