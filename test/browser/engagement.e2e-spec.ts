/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { Placement } from '../../src/placements/placement.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { insertOpportunity, insertProvider } from '../factories/opportunities.factory';
import {
  launchBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * A person looking for something to do, in Chromium: the home page → the search (a filter) → an
 * opportunity → "Ich interessiere mich" (a mistake first, then sent) → the thank-you page. In German
 * and in Arabic (right to left); axe on every page; screenshots in test-artifacts/.
 */
describe('opportunity search and interest in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    browser = await launchBrowser();
    page = browser.page;
    const host = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    await insertOpportunity(stack.dataSource, host.id, { contactName: 'Frau Jansen' });
    await insertOpportunity(stack.dataSource, host.id, {
      title: 'Lesepatenschaft in der Bücherhalle',
      fieldsOfActivity: ['BIL'],
      timePattern: { kind: 'weekly', slots: [{ weekday: 4, start: '16:00', end: '17:30' }] },
      littleGermanOk: true,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  const expectAccessible = async (name: string) => {
    expect({ name, violations: await seriousAxeViolations(page) }).toEqual({ name, violations: [] });
    await screenshotBothWidths(page, `engagement-${name}`);
  };

  it.each([
    [
      'de',
      'ltr',
      'Engagement finden',
      'Tätigkeitsfeld',
      'Ich interessiere mich',
      'Interesse senden',
      'Danke',
    ],
    ['ar', 'rtl', 'ابحث عن عمل تطوعي', 'مجال النشاط', 'أنا مهتم', 'أرسل اهتمامي', 'شكرًا'],
  ])(
    'should walk from the home page to a sent interest in %s (%s)',
    async (locale, dir, findLink, fieldLabel, interestHeading, submit, thanks) => {
      const q = locale === 'de' ? '' : `?lang=${locale}`;
      await page.goto(`${stack.baseUrl}/${q}`);
      await page.getByRole('link', { name: new RegExp(findLink) }).click();
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      await expectAccessible(`search-${locale}`);

      await page.getByLabel(fieldLabel).selectOption('BIL');
      await page.locator('form.filters button[type=submit]').click();
      expect(page.url()).toContain('field=BIL');
      const results = page.locator('ol.results h3 a');
      expect(await results.count()).toBe(1);
      await expectAccessible(`search-filtered-${locale}`);

      await results.first().click();
      expect(await page.locator('h1').textContent()).toBe('Lesepatenschaft in der Bücherhalle');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.locator('#interest').textContent()).toBe(interestHeading);
      await expectAccessible(`opportunity-${locale}`);

      // A mistake first: no consent, a short postal code → the summary, the values kept, nothing stored.
      const email = `leser-${locale}@example.org`;
      await page.locator('#field-name').fill('Lina Leser');
      await page.locator('#field-email').fill(email);
      await page.locator('#field-postalCode').fill('2276');
      await page.getByRole('button', { name: submit }).click();
      expect(await page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('#field-name').inputValue()).toBe('Lina Leser');
      await expectAccessible(`interest-errors-${locale}`);
      expect(await stack.dataSource.getRepository(Volunteer).countBy({ email })).toBe(0);

      await page.locator('#field-postalCode').fill('22765');
      await page.locator('#field-note').fill('Ich lese gern vor.');
      await page.locator('input[name=consent]').check();
      await page.getByRole('button', { name: submit }).click();
      expect(await page.locator('h1').textContent()).toContain(thanks);
      expect(await page.getAttribute('html', 'dir')).toBe(dir);
      await expectAccessible(`interest-thanks-${locale}`);

      const volunteer = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ email });
      expect(volunteer.locale).toBe(locale);
      expect(
        await stack.dataSource
          .getRepository(Placement)
          .countBy({ volunteerId: volunteer.id, stage: 'interested' }),
      ).toBe(1);
    },
  );
});
