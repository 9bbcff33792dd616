/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { localesFor } from '../../src/i18n';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { screenshot } from '../helpers/chromium';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: every violation counts, not only the serious ones. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (tags) => {
    const result = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => ({
      id: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, WCAG_TAGS);
}

const PAGES = [
  '/',
  '/help',
  '/help/easy',
  '/help/call-back',
  '/volunteer',
  '/provider',
  '/datenschutz',
  '/impressum',
  '/barrierefreiheit',
];

describe('the public site in all seven languages, in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  const locales = localesFor('public');

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  it('should offer German, English, Turkish, Arabic, Ukrainian, Russian and Farsi', () => {
    expect(locales.map((info) => info.locale).sort()).toEqual(['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
  });

  it.each(localesFor('public').map((info) => [info.locale, info.dir] as const))(
    'should show every public page in %s with the right lang and dir and no WCAG 2.2 AA violation',
    async (locale, dir) => {
      const found: Record<string, unknown> = {};
      const check = async (name: string) => {
        expect({ name, lang: await page.getAttribute('html', 'lang') }).toEqual({ name, lang: locale });
        expect({ name, dir: await page.getAttribute('html', 'dir') }).toEqual({ name, dir });
        const violations = await axeViolations(page);
        if (violations.length > 0) {
          found[name] = violations;
        }
      };
      for (const path of PAGES) {
        const response = await page.goto(`${stack.baseUrl}${path}?lang=${locale}`);
        expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
        await check(path);
        if (dir === 'rtl' && (path === '/' || path === '/help')) {
          await screenshot(page, `public-${locale}-${path === '/' ? 'home' : 'help'}`);
        }
      }
      // A form sent empty comes back with its problems, still in the reader's language.
      await page.goto(`${stack.baseUrl}/help?lang=${locale}`);
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      expect(await page.isVisible('#error-summary')).toBe(true);
      await check('/help with errors');
      expect(found).toEqual({});
    },
  );

  it('should run Arabic and Farsi right to left', async () => {
    for (const locale of ['ar', 'fa']) {
      await page.goto(`${stack.baseUrl}/help?lang=${locale}`);
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    }
  });
});
