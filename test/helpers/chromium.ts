/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser';

// The same browser and flags as the console's browser tests.
export { CHROMIUM_PATH } from './browser';

export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'test-artifacts');

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One browser per test file. Playwright refuses a `--user-data-dir` flag in `launch()`: it gives
 * every launch a fresh temporary profile of its own and removes it on close, which is what we want.
 */
export async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  // Every page's CSP forbids scripts; axe-core is injected by the test, not by the page (as in browser.ts).
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options = {}) => newPage({ bypassCSP: true, ...options });
  return { browser, close: () => browser.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical
 * violations, so a test can expect an empty list and print what is wrong when it is not.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Presses Tab until `selector` has the focus: proves it is reachable by keyboard, in tab order. */
export async function tabTo(page: Page, selector: string, maxPresses = 120): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with the Tab key`);
}
