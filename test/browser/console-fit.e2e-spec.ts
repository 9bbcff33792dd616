import type { Page } from 'playwright-core';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
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
 * An adviser in an interview: opens the volunteer's fitting opportunities, ticks two, prints the
 * "Katalog der Möglichkeiten" for the person, then proposes one (axe on each page, screenshots).
 */
describe('opportunity fit in Chromium: fitting opportunities → catalogue → propose', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let volunteerId: string;
  const opp: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { name: 'Berta Beratung', email: 'berta@agency.test' });
    const provider = await insertProvider(stack.dataSource);
    opp.games = (await insertOpportunity(stack.dataSource, provider.id, { title: 'Spielenachmittag' })).id;
    opp.phone = (
      await insertOpportunity(stack.dataSource, provider.id, {
        title: 'Telefonpatenschaft',
        remote: true,
        postalCode: null,
        latitude: null,
        longitude: null,
        district: null,
        streetAddress: null,
        timePattern: { kind: 'flexible', hoursPerMonth: 4 },
        contactName: 'Herr Yilmaz',
        hostOffers: ['induction', 'training', 'expenses'],
      })
    ).id;
    opp.kita = (
      await insertOpportunity(stack.dataSource, provider.id, {
        title: 'Vorlesen in der Kita',
        requiresCertificate: true,
      })
    ).id;
    volunteerId = (await insertVolunteer(stack.dataSource, { name: 'Vera Vorschlag' })).id;
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, 'berta@agency.test', STAFF_PASSWORD);
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

  it('ticks two opportunities and prints the catalogue for the person', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}`);
    await Promise.all([
      page.waitForURL(/\/opportunities$/),
      page.getByRole('link', { name: 'Passende Engagementangebote' }).click(),
    ]);
    expect(await page.locator('table.fit tbody tr').count()).toBe(2);
    expect(await page.getByText('kein Führungszeugnis: 1').count()).toBe(1);
    await expectAccessible('fit-volunteer-opportunities');

    await page.getByLabel('Spielenachmittag auswählen').check();
    await page.getByLabel('Telefonpatenschaft auswählen').check();
    await Promise.all([
      page.waitForURL(/\/console\/catalogue\?/),
      page.getByRole('button', { name: 'Katalog drucken' }).click(),
    ]);
    const body = await page.locator('main').innerText();
    expect(body).toContain('Guten Tag Vera Vorschlag');
    expect(body).toContain('Telefonpatenschaft');
    expect(body).toContain('Herr Yilmaz');
    expect(body).toContain('Einarbeitung');
    await expectAccessible('fit-catalogue-personal');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await screenshotBothWidths(page, 'fit-catalogue-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('proposes one and shows it as already in placement', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}/opportunities`);
    await page.getByLabel('Spielenachmittag auswählen').check();
    await Promise.all([
      page.waitForURL(/done=proposed/),
      page.getByRole('button', { name: 'Vorschlagen' }).click(),
    ]);
    expect(await page.getByRole('status').innerText()).toContain('1 Vermittlung');
    expect(await page.getByRole('heading', { name: 'Bereits in Vermittlung' }).count()).toBe(1);
    await expectAccessible('fit-volunteer-after-propose');
    const [row] = await stack.dataSource.query(`SELECT stage FROM placement WHERE volunteer_id = $1`, [
      volunteerId,
    ]);
    expect(row.stage).toBe('advised');
  });
});
