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
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * In Chromium: the coordinator opens the placement board, goes to a placement, moves it on, sees
 * the move in the timeline, declines another with a reason, and finds the placements on the
 * volunteer's profile. axe on every page, screenshots (desktop and tablet) into test-artifacts/.
 */
describe('placements in Chromium: board, placement page, moves, timeline, volunteer profile', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let volunteerId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { name: 'Pia Platzierung', email: 'pia@agency.test' });
    const token = await loginAs(stack.baseUrl, 'pia@agency.test', STAFF_PASSWORD);
    const provider = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    const opportunity = await insertOpportunity(stack.dataSource, provider.id, { title: 'Spielenachmittag' });
    const volunteer = await insertVolunteer(stack.dataSource, { name: 'Ayşe Yılmaz' });
    volunteerId = volunteer.id;
    const other = await insertVolunteer(stack.dataSource, { name: 'Bruno Berg' });
    for (const [id, stage] of [
      [volunteer.id, 'advised'],
      [other.id, 'proposed'],
    ] as const) {
      const opened = await requestJson(stack.baseUrl, 'POST', '/api/staff/placements', {
        token,
        body: { volunteerId: id, opportunityId: opportunity.id, stage },
      });
      expect(opened.status).toBe(201);
    }
    await stack.dataSource.query(
      `UPDATE placement SET stage_changed_at = now() - interval '20 days' WHERE volunteer_id = $1`,
      [other.id],
    );
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, 'pia@agency.test', STAFF_PASSWORD);
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

  it('walks from the board to a placement, moves it on and sees the move in the timeline', async () => {
    await page.goto(`${stack.baseUrl}/console`);
    await page.getByRole('link', { name: 'Vermittlungen', exact: true }).click();
    await page.waitForURL(/\/console\/placements$/);
    expect(await page.locator('.placement-card.stuck').textContent()).toContain('Bruno Berg');
    await expectAccessible('placements-board');

    await page.getByRole('link', { name: 'Ayşe Yılmaz' }).click();
    await page.waitForURL(/\/console\/placements\/[0-9a-f-]{36}$/);
    await expectAccessible('placement-page');
    await page.getByLabel('Weiter zu').selectOption('trial');
    await Promise.all([
      page.waitForURL(/done=moved/),
      page.getByRole('button', { name: 'Stufe setzen' }).click(),
    ]);
    expect(await page.locator('#placement-stage').textContent()).toBe('Hospitation');
    expect(await page.locator('.timeline').textContent()).toContain('Beraten → Hospitation');

    await page.getByLabel('Grund').selectOption('no-time');
    await Promise.all([page.waitForURL(/done=moved/), page.getByRole('button', { name: 'Absagen' }).click()]);
    expect(await page.locator('#placement-stage').textContent()).toBe('Abgesagt');
    await expectAccessible('placement-declined');
  });

  it('shows the placements on the volunteer profile and opens a new one', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}`);
    expect(await page.locator('#volunteer-placements').textContent()).toBe('Vermittlungen');
    await page.getByRole('link', { name: 'Neue Vermittlung' }).click();
    await expectAccessible('placement-new');
    await Promise.all([
      page.waitForURL(/\/console\/volunteers\/[0-9a-f-]{36}/),
      page.getByRole('button', { name: 'Vermittlung eröffnen' }).click(),
    ]);
    const section = await page.locator('section[aria-labelledby="volunteer-placements"]').textContent();
    expect(section).toContain('Beraten');
    expect(section).toContain('Abgesagt');
  });
});
