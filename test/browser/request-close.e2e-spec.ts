import type { Page } from 'playwright-core';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
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

/** Closing a request as a duplicate of another, by keyboard only, in Chromium. */
describe('the console in Chromium: close a request as a duplicate', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let original: string;
  let duplicate: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    const ids: string[] = [];
    for (const description of ['Einkauf am Dienstag', 'Einkauf Dienstag (zweiter Anruf)']) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        // Far from anyone: no volunteer, so both stay open.
        body: publicHelpRequestBody({ postalCode: '99084', description }),
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id as string);
    }
    [original, duplicate] = ids;
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

  /** Moves a focused select to `value` with the arrow keys. */
  async function chooseByKeyboard(value: string): Promise<void> {
    for (let i = 0; i < 30; i += 1) {
      if ((await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) === value) {
        return;
      }
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`${value} not reached with the arrow keys`);
  }

  it('should merge the duplicate into the other request by keyboard, after showing a missing field', async () => {
    await page.goto(`${stack.baseUrl}/console/requests/${duplicate}`);
    await expectAccessible('request-close-form');

    await tabTo(page, '#close-form select[name="closing"]');
    await chooseByKeyboard('rejected:duplicate');
    await tabTo(page, '#close-form textarea[name="note"]');
    await page.keyboard.type('Zweiter Anruf derselben Person');
    // Submitted without the other request: the form again, the problem at the field.
    await tabTo(page, '#close-form button[type="submit"]');
    await Promise.all([page.waitForURL(/\/close$/), page.keyboard.press('Enter')]);
    expect(await page.locator('input[name="mergeInto"][aria-invalid="true"]').count()).toBe(1);
    expect(
      (await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: duplicate })).closedAt,
    ).toBeNull();
    await expectAccessible('request-close-errors');

    await tabTo(page, '#close-form input[name="mergeInto"]');
    await page.keyboard.type(`${stack.baseUrl}/console/requests/${original}`);
    await tabTo(page, '#close-form button[type="submit"]');
    await Promise.all([page.waitForURL(/\?done=closed$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#request-status').textContent()).toBe('abgelehnt');
    expect(await page.locator('#closure').textContent()).toContain('Zweiter Anruf derselben Person');
    await expectAccessible('request-close-closed');

    // To the other request by keyboard, where the merge shows in the timeline with the notes.
    await tabTo(page, `#closure a[href="/console/requests/${original}"]`);
    await Promise.all([
      page.waitForURL(new RegExp(`/console/requests/${original}$`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('#timeline').textContent()).toContain(
      `Duplikat ${duplicate} hierher zusammengeführt`,
    );
    await expectAccessible('request-close-merged');
    expect(
      await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: duplicate }),
    ).toMatchObject({ status: 'rejected', closeReason: 'duplicate', mergedIntoId: original });
  });
});
