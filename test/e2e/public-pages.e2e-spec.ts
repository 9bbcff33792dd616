/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { ConsentRecord } from '../../src/common/consent-record.entity';
import { OutboxJob } from '../../src/queue/outbox-job.entity';
import { matchRequestJobId } from '../../src/queue/job-contracts';
import { StaffDigestEmail } from '../../src/web/emails/staff-digest-email.service';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { launchChromium, screenshot, seriousAxeViolations, tabTo, TestBrowser } from '../helpers/chromium';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const germanDate = (isoDay: string): string => isoDay.split('-').reverse().join('.');

describe('public pages in Chromium: help requests with the keyboard alone, accessible, review first', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let chromium: TestBrowser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // The product default: public requests wait for staff review.
    stack = await startTestStack({ smtpPort: smtp.port, reviewPublicRequestsFirst: true });
    // axe is injected as an inline script, which the site's CSP (rightly) refuses.
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.close();
    await smtp?.close();
  });

  const requestsFrom = (name: string) =>
    stack.dataSource.getRepository(HelpRequest).find({
      where: { helpSeeker: { name } },
      relations: { helpSeeker: true },
    });

  it('should have no serious or critical axe violations on any public page, in German and English', async () => {
    const paths = ['/', '/help', '/help/easy', '/help/call-back', '/volunteer', '/provider', '/my-account'];
    const found: Record<string, unknown[]> = {};
    for (const lang of ['de', 'en']) {
      for (const path of paths) {
        await page.goto(`${stack.baseUrl}${path}?lang=${lang}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) {
          found[`${path}?lang=${lang}`] = violations;
        }
      }
    }
    expect(found).toEqual({});
  });

  it('should let a help-seeker fix an error and send a request with the keyboard only; it waits in staff review', async () => {
    await page.goto(`${stack.baseUrl}/help`);
    await tabTo(page, '#field-category');
    await page.keyboard.press('ArrowDown'); // the first category: Einkaufshilfe
    await tabTo(page, '#field-description');
    await page.keyboard.type('Wocheneinkauf im Supermarkt, etwa eine Stunde.');
    await tabTo(page, '#field-date');
    await page.keyboard.type(germanDate(daysAhead(3)));
    await tabTo(page, '#field-timeOfDay');
    await page.keyboard.press('Space');
    await tabTo(page, '#field-postalCode');
    await page.keyboard.type('2276'); // one digit short
    await tabTo(page, '#field-name');
    await page.keyboard.type('Tastatur Test');
    await tabTo(page, '#field-phone');
    await page.keyboard.type('040 555 1234');
    await tabTo(page, '#field-consent');
    await page.keyboard.press('Space');
    // The focused element is visibly marked.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe(
      'none',
    );
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#error-summary');

    // The error stands next to its field, is tied to it, says how to fix it, and the answers stay.
    expect(await page.getAttribute('#field-postalCode', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#field-postalCode', 'aria-describedby')).toContain(
      'field-postalCode-error',
    );
    expect(await page.textContent('#field-postalCode-error')).toContain('5 Ziffern');
    expect(await page.inputValue('#field-name')).toBe('Tastatur Test');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'help-request-error');

    // The summary's link leads to the field.
    await tabTo(page, '#error-summary a');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-postalCode');
    await page.keyboard.press('End');
    await page.keyboard.type('5');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/help\/thanks/);
    expect(await page.textContent('h1')).toContain('Danke');
    await screenshot(page, 'help-request-thanks');

    const [request] = await requestsFrom('Tastatur Test');
    expect(request).toMatchObject({
      status: 'in-review',
      source: 'public-form',
      category: 'shopping',
      postalCode: '22765',
      schedule: { kind: 'one-off', date: daysAhead(3), start: '09:00', end: '12:00' },
      helpSeeker: { phone: '040 555 1234', preferredContact: 'phone' },
    });
    const consents = await stack.dataSource
      .getRepository(ConsentRecord)
      .findBy({ subjectId: request.helpSeekerId! });
    expect(consents.map((c) => [c.purpose, c.mode])).toEqual([['data-processing', 'online']]);

    // Staff see it in review; nothing was queued for matching before they release it.
    const review = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests?status=in-review', {
      token,
    });
    expect(review.body.map((r: { id: string }) => r.id)).toContain(request.id);
    expect(
      await stack.dataSource.getRepository(OutboxJob).countBy({ jobId: matchRequestJobId(request.id, 1) }),
    ).toBe(0);
    // And the staff's morning digest lists it, so it is not forgotten.
    const digest = await stack.worker!.get(StaffDigestEmail).collect(new Date(), 'de');
    expect(digest.sections.inReview.map((item) => item.url)).toContain(
      `${stack.baseUrl}/console/requests/${request.id}`,
    );

    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody(),
    });
    expect(volunteer.status).toBe(201);
    const released = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/help-requests/${request.id}/release`,
      {
        token,
      },
    );
    expect(released).toEqual({ status: 202, body: { id: request.id, status: 'matching' } });
    const detail = await eventually('the released request matched', async () => {
      const { body } = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${request.id}`, {
        token,
      });
      return body.status === 'proposals-ready' ? body : null;
    });
    expect(detail.matches.map((m: { volunteer: { id: string } }) => m.volunteer.id)).toEqual([
      volunteer.body.id,
    ]);
    // Releasing twice is a conflict, not a second round.
    const again = await requestJson(stack.baseUrl, 'POST', `/api/staff/help-requests/${request.id}/release`, {
      token,
    });
    expect(again.status).toBe(409);
  });

  it('should walk the plain-language flow one question per page, with a way back, in review at the end', async () => {
    await page.goto(`${stack.baseUrl}/help/easy`);
    // Each answer posts the form; the next question is the next page load.
    const pressAndLoad = (key: string) => Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
    const answer = async (selector: string, keys: string | null) => {
      await tabTo(page, selector);
      if (keys === null) {
        await page.keyboard.press('Space');
      } else if (keys === 'ArrowDown') {
        await page.keyboard.press('ArrowDown');
      } else {
        await page.keyboard.type(keys);
      }
      await tabTo(page, 'button[value=next]');
      await pressAndLoad('Enter');
    };
    expect(await page.textContent('main')).toContain('Frage 1 von 7');
    // Sending without an answer names the problem on the same question.
    await tabTo(page, 'button[value=next]');
    await pressAndLoad('Enter');
    expect(await page.textContent('#field-category-error')).toContain('Bitte wählen');
    expect(await page.textContent('main')).toContain('Frage 1 von 7');
    await answer('#field-category', null);
    expect(await page.textContent('main')).toContain('Frage 2 von 7');
    // In a radio group Tab reaches one radio; the arrow keys choose (and tick) the next one.
    await answer('#field-date', 'ArrowDown'); // tomorrow
    await answer('#field-timeOfDay', 'ArrowDown'); // afternoon
    await answer('#field-postalCode', '22765');
    // Back one question: the postal code is still there.
    await tabTo(page, 'button[value=back]');
    await pressAndLoad('Enter');
    expect(await page.inputValue('#field-postalCode')).toBe('22765');
    await tabTo(page, 'button[value=next]');
    await pressAndLoad('Enter');
    expect(await page.textContent('main')).toContain('Frage 5 von 7');
    await answer('#field-name', 'Leichte Sprache');
    await answer('#field-phone', '040 777 888');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'easy-consent-step');
    await answer('#field-consent', null);
    await page.waitForURL(/\/help\/thanks/);

    const [request] = await requestsFrom('Leichte Sprache');
    expect(request).toMatchObject({
      status: 'in-review',
      category: 'shopping',
      description: 'Anfrage in Leichter Sprache',
      schedule: { kind: 'one-off', date: daysAhead(1), start: '13:00', end: '17:00' },
      helpSeeker: { phone: '040 777 888' },
    });
  });

  it('should take a call-back request with name, phone and postal code alone, in English', async () => {
    await page.goto(`${stack.baseUrl}/help/call-back?lang=en`);
    await page.fill('#field-name', 'Call Me');
    await page.fill('#field-phone', '040 999 000');
    await page.fill('#field-postalCode', '22765');
    await page.check('#field-consent');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/help\/thanks\?lang=en/);
    expect(await page.textContent('h1')).toContain('Thank you');
    // It waits as a call-back (console "Rückrufwünsche aus dem Internet"): no request, no invented schedule.
    expect(await requestsFrom('Call Me')).toEqual([]);
    const [callBack] = await stack.dataSource.query(
      `SELECT c.status, s.preferred_language AS "language" FROM call_back_request c
         JOIN help_seeker s ON s.id = c.help_seeker_id WHERE s.name = 'Call Me'`,
    );
    expect(callBack).toEqual({ status: 'waiting', language: 'en' });
  });

  it('should refuse an impairment without explicit consent next to that checkbox, and store nothing', async () => {
    await page.goto(`${stack.baseUrl}/help`);
    await page.selectOption('#field-category', 'walk');
    await page.fill('#field-description', 'Spaziergang im Park');
    await page.fill('#field-date', germanDate(daysAhead(2)));
    await page.check('#field-timeOfDay');
    await page.fill('#field-postalCode', '22765');
    await page.fill('#field-name', 'Ohne Einwilligung');
    await page.fill('#field-phone', '040 1111');
    await page.check('#field-needs'); // wheelchair
    await page.check('#field-consent');
    await page.click('button[type=submit]');
    await page.waitForSelector('#field-healthConsent-error');
    expect(await page.textContent('#field-healthConsent-error')).toContain('ausdrücklich');
    expect(await requestsFrom('Ohne Einwilligung')).toEqual([]);
  });

  it('should work at 200 % zoom without sideways scrolling', async () => {
    const zoomed = await chromium.browser.newPage({ viewport: { width: 640, height: 450 } });
    try {
      for (const path of ['/help', '/volunteer', '/help/easy']) {
        await zoomed.goto(`${stack.baseUrl}${path}`);
        const overflow = await zoomed.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
      await screenshot(zoomed, 'volunteer-zoom-200');
    } finally {
      await zoomed.close();
    }
  });

  it('should answer a filled honeypot like a person, and store nothing', async () => {
    await page.goto(`${stack.baseUrl}/help/call-back`);
    await page.fill('#field-name', 'Bot Honig');
    await page.fill('#field-phone', '040 1234');
    await page.fill('#field-postalCode', '22765');
    await page.check('#field-consent');
    await page.evaluate(() => {
      (document.getElementById('field-website') as HTMLInputElement).value = 'http://spam.example';
    });
    await page.click('button[type=submit]');
    await page.waitForURL(/\/help\/thanks/);
    expect(await requestsFrom('Bot Honig')).toEqual([]);
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM help_seeker WHERE name = 'Bot Honig'`,
    );
    expect(n).toBe(0);
  });
});
