import { StaffPasswordLinksService } from '../../src/staff/staff-password-links.service';
import { launchBrowser, seriousAxeViolations, type TestBrowser } from '../helpers/browser';
import { requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/** The set-password page of a single-use link, as a new admin uses it: keyboard only, axe-clean. */
describe('the set-password page in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const links = new StaffPasswordLinksService(stack.dataSource);
    ({ token } = await links.createAccount({ email: 'neu@agency.test', name: 'Neu Admin', role: 'admin' }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  it('shows field errors, then sets the password by keyboard alone; the page has no serious axe violations', async () => {
    const { page } = browser;
    await page.goto(`${stack.baseUrl}/console/set-password?token=${token}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The password field has focus (autofocus); type, tab to the repeat, submit with Enter.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type('Elbstrand-im-Herbst-2026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Elbstrand-im-Winter-2026');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(
      await page.locator('[role="alert"], .error-summary, [aria-invalid="true"]').count(),
    ).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.locator('input[name="password"]').fill('Elbstrand-im-Herbst-2026');
    await page.locator('input[name="passwordRepeat"]').fill('Elbstrand-im-Herbst-2026');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('input[name="passwordRepeat"]').press('Enter'),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('Passwort ist gespeichert');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const login = await requestJson(stack.baseUrl, 'POST', '/api/staff/session', {
      body: { email: 'neu@agency.test', password: 'Elbstrand-im-Herbst-2026' },
    });
    expect(login.status).toBe(201);

    await page.goto(`${stack.baseUrl}/console/set-password?token=${token}`);
    expect(await page.locator('[role="alert"]').textContent()).toContain('Link ist unbekannt');
  });
});
