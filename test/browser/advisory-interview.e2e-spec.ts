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

describe('recording an advisory interview with a chosen opportunity in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let volunteerId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, { email: 'bea@agency.test', role: 'admin' });
    const provider = await insertProvider(stack.dataSource, { name: 'Stadtteilbibliothek' });
    await insertOpportunity(stack.dataSource, provider.id, { title: 'Lesepatenschaft' });
    volunteerId = (await insertVolunteer(stack.dataSource, { name: 'Ines Interview' })).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  it('searches, ticks the opportunity, saves, and shows "led to" on the profile, without serious axe findings', async () => {
    const { page } = browser;
    await loginInBrowser(page, stack.baseUrl, 'bea@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}/advisory-interviews/new`);
    await page.getByLabel('Anderes veröffentlichtes Angebot suchen').fill('Lese');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByLabel(/Lesepatenschaft/).check();
    await page.getByLabel('Motivation').fill('möchte Kindern vorlesen');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'advisory-interview-form');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL((url) => url.pathname === `/console/volunteers/${volunteerId}`);
    await expect(page.getByText('Führte zu:').count()).resolves.toBe(1);
    await expect(
      page.locator('article.interview').getByRole('link', { name: 'Lesepatenschaft' }).count(),
    ).resolves.toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const rows = await stack.dataSource.query<{ stage: string; advisory_interview_id: string | null }[]>(
      `SELECT stage, advisory_interview_id FROM placement WHERE volunteer_id = $1`,
      [volunteerId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].stage).toBe('advised');
    expect(rows[0].advisory_interview_id).not.toBeNull();
  });
});
