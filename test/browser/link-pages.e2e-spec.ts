import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { localesFor } from '../../src/i18n';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { ARTIFACTS_DIR } from '../helpers/chromium';
import { loginAs } from '../helpers/http';
import { acceptAndFindLetter, linkPagesFixture, type LinkPageUrls } from '../helpers/link-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const LOCALES = localesFor('public').map((info) => info.locale);
const RTL = new Set(['ar', 'fa']);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  nodes: string[];
}

/** Every axe violation under the WCAG 2.0–2.2 A/AA tags, whatever its impact. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(options: unknown): Promise<{
            violations: { id: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return result.violations.map(({ id, help, nodes }) => ({
      id,
      help,
      nodes: nodes.map((node) => node.target.join(' ')),
    }));
  }, AXE_TAGS);
}

const withLang = (url: string, locale: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${locale}`;

describe('link pages and the letter in Chromium, in every public language', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let token: string;
  let urls: LinkPageUrls;
  let letter: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    urls = await linkPagesFixture(stack, token, { postalCode: '22765' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function open(url: string, locale: string, status: number): Promise<Page> {
    const { page } = browser;
    const response = await page.goto(withLang(url, locale));
    expect(response?.status()).toBe(status);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.getAttribute('html', 'dir')).toBe(RTL.has(locale) ? 'rtl' : 'ltr');
    expect(await axeViolations(page)).toEqual([]);
    return page;
  }

  it.each(LOCALES)('should show the self-service page in %s without axe violations', async (locale) => {
    const page = await open(urls.selfService, locale, 200);
    expect(await page.locator('main h1').count()).toBe(1);
    // Settings, profile, deletion, revoking all links.
    expect(await page.locator('main form').count()).toBe(4);
    if (RTL.has(locale)) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, `self-service-${locale}.png`), fullPage: true });
    }
  });

  it.each(LOCALES)('should show the settings-scope page in %s without axe violations', async (locale) => {
    const page = await open(urls.settings, locale, 200);
    // Settings, the account link by email, revoking all links; no profile, no deletion.
    expect(await page.locator('main form').count()).toBe(3);
    expect(await page.locator('main form[action$="/account-link"]').count()).toBe(1);
  });

  it.each(LOCALES)(
    'should show the account-scope refusal and the revoked-link page in %s without axe violations',
    async (locale) => {
      const scope = await open(`${urls.settings}/export`, locale, 403);
      expect(await scope.locator('main form[action$="/account-link"]').count()).toBe(1);
      const revoked = await open(urls.revoked, locale, 410);
      expect(await revoked.locator(`main a[href="/my-account?lang=${locale}"]`).count()).toBe(1);
    },
  );

  it.each(LOCALES)('should show the offer page in %s without axe violations', async (locale) => {
    const page = await open(urls.offerAccept, locale, 200);
    expect(await page.locator('main form[method=post] button').count()).toBe(1);
  });

  it.each(LOCALES)('should show the follow-up page in %s without axe violations', async (locale) => {
    const page = await open(urls.followUp, locale, 200);
    expect(await page.locator('main form[method=post] button').count()).toBe(1);
  });

  it.each(LOCALES)('should show the invalid-link page in %s without axe violations', async (locale) => {
    await open(urls.invalid, locale, 400);
  });

  describe('the letter', () => {
    beforeAll(async () => {
      letter = await acceptAndFindLetter(stack, urls);
      await browser.page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
    });

    it.each(LOCALES)('should print the letter in %s without axe violations', async (locale) => {
      const { page } = browser;
      const response = await page.goto(`${letter}?locale=${locale}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getAttribute('html', 'dir')).toBe(RTL.has(locale) ? 'rtl' : 'ltr');
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.textContent('.letterhead')).toContain('040');
    });
  });
});
