import { Opportunity } from '../../src/opportunities/opportunity.entity';
import { Placement } from '../../src/placements/placement.entity';
import { PlacementStagesService } from '../../src/placements/placement-stages.service';
import { hostPageToken } from '../../src/web/host/host-links';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import {
  launchBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * A host in real Chromium, once in German and once in Arabic: opens its link, creates an
 * opportunity (an error first, then fixed), edits it, confirms another one "still current", sees
 * the proposed volunteer and records "contacted". Axe clean on every page; screenshots in
 * test-artifacts/screenshots/host-page-*.
 */
describe('the host page in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function expectClean(name: string): Promise<void> {
    const { page } = browser;
    expect({ page: name, violations: await seriousAxeViolations(page, ['wcag22aa']) }).toEqual({
      page: name,
      violations: [],
    });
    await screenshotBothWidths(page, name);
  }

  it.each([
    ['de', 'ltr'],
    ['ar', 'rtl'],
  ])('lets a host maintain its opportunities and record a contact, in %s', async (locale, dir) => {
    const db = stack.dataSource;
    const provider = await insertProvider(db, {
      name: `Stadtteilzentrum ${locale}`,
      email: `zentrum-${locale}@host.test`,
      locale,
    });
    const standing = await insertOpportunity(db, provider.id, { title: `Mittagstisch ${locale}` });
    await db.getRepository(Opportunity).update(standing.id, { reviewBy: '2026-01-01' });
    const volunteer = await insertVolunteer(db, { name: `Samira${locale} Beispiel` });
    const { placement } = await stack.api.get(PlacementStagesService).open({
      volunteerId: volunteer.id,
      opportunityId: standing.id,
      source: 'staff',
      stage: 'proposed',
    });
    const token = hostPageToken(stack.config.LINK_SECRET, provider, new Date());
    const { page } = browser;

    const opened = await page.goto(`${stack.baseUrl}/host/${token}?lang=${locale}`);
    expect(opened?.status()).toBe(200);
    expect(await page.getAttribute('html', 'dir')).toBe(dir);
    expect(await page.textContent('body')).toContain(`Samira${locale}`);
    expect(await page.textContent('body')).not.toContain('Beispiel');
    await expectClean(`host-page-${locale}`);

    // New opportunity: too short a title and no weekday time first.
    await Promise.all([page.waitForURL(/opportunities\/new/), page.click('a[href*="/opportunities/new"]')]);
    await page.fill('input[name="title"]', 'x');
    await page.fill('textarea[name="description"]', 'Wir suchen Hilfe beim Mittagessen für ältere Nachbarn.');
    await page.check('input[name="fieldsOfActivity"] >> nth=0');
    await page.fill('input[name="postalCode"]', '22765');
    await page.fill('input[name="places"]', '2');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[name="submitAs"][value="submit"]'),
    ]);
    expect(refused.status()).toBe(400);
    await page.waitForSelector('#error-summary');
    expect(await page.getAttribute('input[name="title"]', 'aria-invalid')).toBe('true');
    await expectClean(`host-page-form-error-${locale}`);

    await page.fill('input[name="title"]', `Vorlesen ${locale}`);
    await page.selectOption('select[name="weekday0"]', '2');
    await page.fill('input[name="slotStart0"]', '15:00');
    await page.fill('input[name="slotEnd0"]', '16:00');
    await Promise.all([
      page.waitForURL(/done=in-review/),
      page.click('button[name="submitAs"][value="submit"]'),
    ]);
    const created = await db
      .getRepository(Opportunity)
      .findOneByOrFail({ providerId: provider.id, title: `Vorlesen ${locale}` });
    expect(created.status).toBe('in-review');
    expect(await page.textContent(`#opportunity-${created.id}`)).toBe(`Vorlesen ${locale}`);

    // Edit it.
    await Promise.all([
      page.waitForURL(/\/edit/),
      page.click(`a[href*="/opportunities/${created.id}/edit"]`),
    ]);
    await page.fill('input[name="title"]', `Vorlesen am Dienstag ${locale}`);
    await Promise.all([page.waitForURL(/done=/), page.click('form button[type="submit"]')]);
    expect((await db.getRepository(Opportunity).findOneByOrFail({ id: created.id })).title).toBe(
      `Vorlesen am Dienstag ${locale}`,
    );

    // "Still current" on the standing one.
    await Promise.all([
      page.waitForURL(new RegExp(`/host/${token}`)),
      page.click(`form[action*="/opportunities/${standing.id}/confirm"] button`),
    ]);
    const confirmed = await db.getRepository(Opportunity).findOneByOrFail({ id: standing.id });
    expect(confirmed.reviewBy! > new Date().toISOString().slice(0, 10)).toBe(true);

    // The proposed volunteer: "contacted".
    await Promise.all([
      page.waitForURL(new RegExp(`/host/${token}`)),
      page.click(
        `form[action*="/placements/${placement.id}/stage"]:has(input[name="move"][value="contacted"]) button`,
      ),
    ]);
    expect((await db.getRepository(Placement).findOneByOrFail({ id: placement.id })).stage).toBe(
      'host-contacted',
    );
    await expectClean(`host-page-after-${locale}`);
  });
});
