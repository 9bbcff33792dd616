import type { Page } from 'playwright-core';
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
 * In Chromium, as a coordinator: the reports page for a year (charts, tables, definitions), another
 * breakdown, a wrong period said beside the form, and the printable annual report; axe on each,
 * screenshots into test-artifacts/.
 */
describe('reports in Chromium', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim.reports-browser@agency.test',
    });
    const [{ id: seeker }] = await stack.dataSource.query<{ id: string }[]>(
      `INSERT INTO help_seeker (name, postal_code, preferred_contact) VALUES ('Helga', '22765', 'phone') RETURNING id`,
    );
    // 2025: a spread over districts and months, some matched, so bars, line and bubbles show.
    await stack.dataSource.query(
      `INSERT INTO help_request (help_seeker_id, postal_code, latitude, longitude, district, source, category, description,
         schedule, status, created_at, matched_at)
       SELECT $1, p.code, p.latitude, p.longitude, p.district,
              (ARRAY['public-form','phone-intake'])[1 + g % 2], (ARRAY['shopping','visiting'])[1 + g % 2], 'x',
              '{"kind":"one-off","date":"2025-06-01","start":"10:00","end":"11:00"}', 'matched',
              timestamptz '2025-01-03 10:00+01' + (g * interval '2 days'),
              CASE WHEN g % 3 <> 0 THEN timestamptz '2025-01-04 10:00+01' + (g * interval '2 days') END
         FROM generate_series(1, 150) g
         JOIN LATERAL (SELECT code, latitude, longitude, district FROM postal_code
                        WHERE district IS NOT NULL ORDER BY code OFFSET (g % 6) LIMIT 1) p ON true`,
      [seeker],
    );
    // New volunteers of 2025 with and without a gender, and the help-seeker's priority groups.
    await stack.dataSource.query(
      `UPDATE help_seeker SET priority_groups = '{older-people,disability}' WHERE id = $1`,
      [seeker],
    );
    for (const gender of [
      'female',
      'female',
      'female',
      'male',
      'male',
      'male',
      'diverse',
      null,
      null,
      null,
    ]) {
      await stack.dataSource.query(
        `INSERT INTO volunteer (name, email, postal_code, latitude, longitude, district, max_travel_km, gender, created_at)
         VALUES ('Freiwillige', 'v-' || gen_random_uuid() || '@example.org', '22765', 53.556, 9.928, 'Ottensen', 5, $1,
                 '2025-04-02T10:00:00Z')`,
        [gender],
      );
    }
    browser = await launchBrowser();
    page = browser.page;
    await loginInBrowser(page, stack.baseUrl, 'kim.reports-browser@agency.test', STAFF_PASSWORD);
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

  it('shows a year with charts and tables, another breakdown, and a wrong period', async () => {
    await page.goto(`${stack.baseUrl}/console/reports`);
    await page
      .getByRole('link', { name: /Berichte|Reports/ })
      .first()
      .waitFor();
    await page.locator('select[name="kind"]').selectOption('year');
    await page.locator('input[name="year"]').fill('2025');
    await page.getByRole('button', { name: /Anzeigen|Show/ }).click();
    await page.waitForURL(/year=2025/);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#table-months tbody tr').count()).toBe(12);
    // The two breakdowns of issue 14: every gender and priority group has a row, plus "not given".
    await page
      .getByRole('heading', { name: /Neue Freiwillige nach Geschlecht|New volunteers by gender/ })
      .waitFor();
    expect(await page.locator('#table-genders tbody tr').count()).toBe(4);
    expect(await page.locator('#table-genders tfoot td').textContent()).toBe('10');
    expect(await page.locator('#table-priority-groups tbody tr').count()).toBe(4);
    await page
      .getByText(/Wie wird gezählt|How is this counted/)
      .first()
      .click();
    await expectAccessible('reports-year');

    await page.locator('select[name="breakdown"]').selectOption('category');
    await page.getByRole('button', { name: /Anzeigen|Show/ }).click();
    await page.waitForURL(/breakdown=category/);
    await expectAccessible('reports-by-category');

    await page.goto(`${stack.baseUrl}/console/reports?kind=custom&from=2025-03-01&to=2025-02-01`);
    expect(await page.locator('[role="alert"], .error-summary, #error-summary').count()).toBeGreaterThan(0);
    await expectAccessible('reports-wrong-period');
    // Three pages with axe and six full-page screenshots: slow on a loaded machine.
  }, 180_000);

  it('prints the annual report with the letterhead', async () => {
    await page.goto(`${stack.baseUrl}/console/reports`);
    await page.goto(`${stack.baseUrl}/console/reports/annual?year=2025`);
    await page.getByRole('heading', { level: 1, name: /2025/ }).waitFor();
    expect(await page.locator('.letterhead').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible('reports-annual');
  });
});
