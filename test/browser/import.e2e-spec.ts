import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

const FILE = [
  'Vorname;Nachname;PLZ;E-Mail',
  'Anna;Arendt;22763;anna.browser@example.org',
  'Cem;Celik;00001;cem.browser@example.org',
].join('\r\n');

/** Upload → mapping → dry run → Importieren → done, by keyboard-reachable controls, axe clean. */
describe('the CSV import in Chromium', () => {
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

  it('walks an admin from the upload to the finished import', async () => {
    const { page } = browser;
    await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console`);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/console/import');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-import-upload');

    await page.getByLabel('Was wird importiert?').selectOption('volunteers');
    await page.getByLabel('CSV-Datei', { exact: true }).setInputFiles({
      name: 'freiwillige.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(FILE),
    });
    await page.getByRole('button', { name: 'Hochladen und Spalten zuordnen' }).click();
    await page.waitForURL((url) => /^\/console\/import\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect(page.getByLabel('Zeichensatz', { exact: true }).inputValue()).resolves.toBe('utf-8');
    await expect(page.getByLabel('E-Mail', { exact: true }).inputValue()).resolves.toBe('email');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-import-mapping');

    await page.getByRole('button', { name: 'Probelauf starten' }).click();
    await page.getByRole('heading', { name: 'Ergebnis des Probelaufs (nichts gespeichert)' }).waitFor();
    await expect(page.locator('#report tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#report').textContent()).resolves.toContain('PLZ unbekannt');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-import-dry-run');

    await page.getByRole('button', { name: 'Importieren' }).click();
    await eventually('the import done', async () => {
      await page.reload();
      return (await page.locator('#import-status').textContent())?.includes('abgeschlossen');
    });
    await expect(page.locator('#import-counts').textContent()).resolves.toContain('Angelegt: 1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, 'console-import-done');
  });
});
