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

describe('the console system page in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { email: 'ada@agency.test', role: 'admin' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  it('should be reached from the settings and read in German and English, without serious axe findings', async () => {
    const { page } = browser;
    await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/settings`);
    await page.getByRole('link', { name: 'Systemzustand' }).click();
    await page.waitForURL((url) => url.pathname === '/console/settings/system');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Systemzustand');
    expect(await page.locator('#queues tbody tr').count()).toBe(7);
    // The in-process worker of the test stack reports in.
    expect(await page.locator('#workers tbody tr').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-system');

    await page.goto(`${stack.baseUrl}/console/settings/system?lang=en`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('System status');
    await expect(page.getByRole('heading', { name: 'Workers' }).count()).resolves.toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
