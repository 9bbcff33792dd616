import type { Page } from 'playwright-core';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { totpCode } from '../../src/staff/passwords/totp';
import { StaffUser } from '../../src/staff/staff-user.entity';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { linksIn, messagesTo } from '../helpers/mail';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const FIRST_PASSWORD = 'admin set this one for you';
const OWN_PASSWORD = 'my own long passphrase here';

describe('staff accounts in the console, by keyboard (Chromium + axe)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let secret = '';

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Ada Admin', email: 'ada@agency.test', role: 'admin' });
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

  /** Focus by Tab (proves keyboard reach), then type. */
  async function typeInto(selector: string, text: string): Promise<void> {
    await tabTo(page, selector);
    await page.keyboard.type(text);
  }

  async function logout(): Promise<void> {
    await tabTo(page, 'header form[action="/console/logout"] button');
    await Promise.all([page.waitForURL(/\/console\/login\?out=1/), page.keyboard.press('Enter')]);
  }

  it('should let an admin create a colleague whose first password must be changed', async () => {
    await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/settings/staff`);
    await expectAccessible('staff-accounts');
    await typeInto('#field-name', 'Neue Kollegin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('neu@agency.test');
    await typeInto('#field-password', FIRST_PASSWORD);
    await Promise.all([page.waitForURL(/done=staff-created/), page.keyboard.press('Enter')]);
    await expect(page.locator('#staff').textContent()).resolves.toContain('muss Anfangspasswort ändern');
    await logout();

    await loginInBrowser(page, stack.baseUrl, 'neu@agency.test', FIRST_PASSWORD);
    // Any page leads to the change form first.
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    expect(new URL(page.url()).pathname).toBe('/console/account');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('eigenes');
    await expectAccessible('account-must-change');

    await typeInto('#field-currentPassword', FIRST_PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type('kurz');
    await page.keyboard.press('Tab');
    await page.keyboard.type('anders');
    await page.keyboard.press('Enter');
    await page.locator('#field-newPasswordRepeat-error').waitFor();
    await expect(page.locator('#field-newPassword-error').textContent()).resolves.not.toBe('');
    await expect(page.locator('#field-newPasswordRepeat-error').textContent()).resolves.toContain(
      'nicht gleich',
    );
    await expectAccessible('account-password-errors');

    await typeInto('#field-currentPassword', FIRST_PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWN_PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWN_PASSWORD);
    await Promise.all([page.waitForURL(/done=password-changed/), page.keyboard.press('Enter')]);
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    expect(new URL(page.url()).pathname).toBe('/console/volunteers');
  });

  it('should enrol in two-factor, show ten recovery codes once, and ask for the code at login', async () => {
    await page.goto(`${stack.baseUrl}/console/account`);
    await tabTo(page, 'form[action="/console/account/two-factor"] button');
    await page.keyboard.press('Enter');
    await page.locator('#totp-secret').waitFor();
    await expectAccessible('two-factor-enrol');
    secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await expect(page.locator('#totp-uri').textContent()).resolves.toContain(`secret=${secret}`);
    await typeInto('#field-code', totpCode(secret, Date.now()));
    await page.keyboard.press('Enter');
    await page.locator('#recovery-codes').waitFor();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await expectAccessible('two-factor-recovery-codes');
    await logout();

    await page.goto(`${stack.baseUrl}/console/login`);
    await typeInto('#field-email', 'neu@agency.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWN_PASSWORD);
    await Promise.all([page.waitForURL(/\/console\/login\/code/), page.keyboard.press('Enter')]);
    await expectAccessible('login-second-factor');
    // Before the code, nothing else opens.
    await page.goto(`${stack.baseUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login/code');
    await typeInto('#field-code', '000000');
    await page.keyboard.press('Enter');
    await page.locator('#field-code-error').waitFor();
    await expect(page.locator('#field-code-error').textContent()).resolves.toContain('falsch');
    await typeInto('#field-code', totpCode(secret, Date.now() + 30_000));
    await Promise.all([page.waitForURL((url) => url.pathname === '/console'), page.keyboard.press('Enter')]);
    await logout();
  });

  it('should reset a forgotten password through the emailed link, once', async () => {
    await page.goto(`${stack.baseUrl}/console/login`);
    await tabTo(page, 'a[href="/console/password-reset"]');
    await Promise.all([page.waitForURL(/\/console\/password-reset$/), page.keyboard.press('Enter')]);
    await expectAccessible('password-forgotten');
    await typeInto('#field-email', 'ada@agency.test');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    const answer = await page.getByRole('status').textContent();
    await page.goto(`${stack.baseUrl}/console/password-reset`);
    await typeInto('#field-email', 'niemand@agency.test');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toBe(answer);

    const mail = await smtp
      .waitForMessages(1, 15_000)
      .then(() => messagesTo(smtp.messages, 'ada@agency.test')[0]);
    const [link] = linksIn(mail, '/console/password-reset/');
    await page.goto(link);
    await expectAccessible('password-reset-link');
    await typeInto('#field-newPassword', 'ada has a brand new passphrase');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada has a brand new passphrase');
    await Promise.all([page.waitForURL(/done=password-reset/), page.keyboard.press('Enter')]);
    await page.goto(link);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('gilt nicht');
    await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', 'ada has a brand new passphrase');
  });

  it('should let an admin deactivate and reactivate a colleague, audited', async () => {
    await page.goto(`${stack.baseUrl}/console/settings/staff`);
    await tabTo(page, 'button[aria-label="Deaktivieren: Neue Kollegin"]');
    await Promise.all([page.waitForURL(/done=deactivated/), page.keyboard.press('Enter')]);
    const neu = await stack.dataSource.getRepository(StaffUser).findOneByOrFail({ email: 'neu@agency.test' });
    expect(neu.deactivatedAt).not.toBeNull();
    await expectAccessible('staff-accounts-deactivated');
    await tabTo(page, 'button[aria-label="Wieder aktivieren: Neue Kollegin"]');
    await Promise.all([page.waitForURL(/done=reactivated/), page.keyboard.press('Enter')]);
    const actions = (await stack.dataSource.getRepository(AuditLog).findBy({ entityId: neu.id })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['staff.created', 'staff.deactivated', 'staff.reactivated']),
    );
  });
});
