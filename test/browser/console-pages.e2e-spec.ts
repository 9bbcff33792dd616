import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Provider } from '../../src/providers/provider.entity';
import { AgencyProfileService } from '../../src/settings/agency-profile.service';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { launchBrowser, loginInBrowser, seriousAxeViolations, type TestBrowser } from '../helpers/browser';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/** WCAG 2.2 AA on top of the 2.0/2.1 A and AA rules the other browser tests run. */
const WCAG22 = ['wcag22aa'];

const SINK_ID = '2026-11-20T09-00-00.000Z-1a2b3c4d.eml';
const SINK_MAIL = [
  'From: nahbar Test <noreply@agency.test>',
  'To: jonas@example.org',
  'Subject: Anfrage: Einkaufshilfe',
  'Date: Fri, 20 Nov 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hallo Jonas',
  '--b',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<!DOCTYPE html><html lang="de"><head><title>Anfrage</title></head><body><p>Hallo <strong>Jonas</strong></p><script>alert(1)</script></body></html>',
  '--b--',
  '',
].join('\r\n');

describe('every console page and the demo mailbox in Chromium, in German and English', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let sinkDir: string;
  let requestId: string;
  let volunteerId: string;
  let providerId: string;

  beforeAll(async () => {
    sinkDir = await mkdtemp(join(tmpdir(), 'nahbar-console-sink-'));
    await writeFile(join(sinkDir, SINK_ID), SINK_MAIL);
    smtp = await startTestSmtpServer();
    stack = await startTestStack({
      smtpPort: smtp.port,
      env: { MAIL_SINK_ENABLED: 'true', MAIL_SINK_DIR: sinkDir },
    });
    await createStaffUser(stack.dataSource, { name: 'Ada Admin', email: 'ada@agency.test', role: 'admin' });
    await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
      role: 'coordinator',
    });
    const token = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    requestId = (
      await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', { body: publicHelpRequestBody() })
    ).body.id;
    volunteerId = (
      await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ name: 'Vera Beispiel', maxTravelKm: 3.5 }),
      })
    ).body.id;
    providerId = (
      await stack.dataSource.getRepository(Provider).save({
        name: 'Seniorentreff Ottensen',
        contactPerson: 'Aylin Demir',
        email: 'treff@example.org',
        streetAddress: 'Bahrenfelder Straße 12',
        postalCode: '22765',
        latitude: 53.55,
        longitude: 9.93,
        district: 'Ottensen',
        fieldsOfActivity: ['SEN'],
      })
    ).id;
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
    await rm(sinkDir, { recursive: true, force: true });
  });

  async function expectAccessible(path: string): Promise<void> {
    const response = await page.goto(`${stack.baseUrl}${path}`);
    expect([path, response?.status()]).toEqual([path, 200]);
    expect([path, await seriousAxeViolations(page, WCAG22)]).toEqual([path, []]);
  }

  const consolePaths = () => [
    '/console',
    '/console/intake',
    `/console/requests/${requestId}`,
    `/console/requests/${requestId}?volunteer=Vera`,
    '/console/volunteers',
    `/console/volunteers/${volunteerId}`,
    '/console/providers',
    '/console/providers/new',
    `/console/providers/${providerId}`,
    '/console/mail',
    '/console/settings',
    '/console/settings/agency',
  ];

  it.each(['de', 'en'])(
    'should pass axe on the login and every console page in %s',
    async (lang) => {
      await page.context().clearCookies();
      await page.goto(`${stack.baseUrl}/console/login?lang=${lang}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      expect(await seriousAxeViolations(page, WCAG22)).toEqual([]);
      await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
      // ?lang= once; the cookie keeps the language on the following pages.
      for (const path of consolePaths()) {
        await expectAccessible(path);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      }
    },
    240_000,
  );

  it('should write numbers the reader’s way: 3,5 in German, 3.5 in English', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}?lang=en`);
    await expect(page.getByLabel('Radius (km)').inputValue()).resolves.toBe('3.5');
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteerId}?lang=de`);
    await expect(page.getByLabel('Umkreis (km)').inputValue()).resolves.toBe('3,5');
  });

  it('should show the demo mailbox accessibly, the mail sandboxed in a frame', async () => {
    for (const lang of ['de', 'en']) {
      await expectAccessible(`/demo/mail?lang=${lang}`);
      await expectAccessible(`/demo/mail/${SINK_ID}?lang=${lang}`);
    }
    await page.goto(`${stack.baseUrl}/demo/mail/${SINK_ID}?lang=de`);
    const frame = page.locator('iframe');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('allow-popups allow-popups-to-escape-sandbox');
    await expect(page.frameLocator('iframe').locator('strong').textContent()).resolves.toBe('Jonas');
    await expect(page.locator('h1').textContent()).resolves.toBe('Anfrage: Einkaufshilfe');
    const missing = await page.goto(`${stack.baseUrl}/demo/mail/missing.eml?lang=en`);
    expect(missing?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Email not found');
    expect(await seriousAxeViolations(page, WCAG22)).toEqual([]);
  });

  it('should let an admin edit the agency profile with the keyboard alone, and show the new contact', async () => {
    await page.goto(`${stack.baseUrl}/console/settings/agency?lang=de`);
    const fill = async (label: string, value: string) => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(value);
    };
    await fill('Telefon', '040 999 888 77');
    await fill('E-Mail', 'hallo@agentur-altona.example');
    await fill('Sprechzeiten', 'Mo–Fr 9–17 Uhr');
    await fill('Postleitzahl', '123');
    await page.getByLabel('Postleitzahl', { exact: true }).press('Enter');
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Postleitzahl');
    await expectAccessibleHere();
    await fill('Postleitzahl', '22767');
    // Tab to the save button and press it, as a keyboard user would.
    await page.getByRole('button', { name: 'Speichern' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=agency-saved/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Das Profil der Agentur ist gespeichert.',
    );
    const contact = await page.locator('address.agency-contact').textContent();
    expect(contact).toContain('040 999 888 77');
    expect(contact).toContain('hallo@agentur-altona.example');
    expect(contact).toContain('22767');
    await expect(page.locator('a[href="tel:04099988877"]').count()).resolves.toBe(1);
    await expect(stack.api.get(AgencyProfileService).get()).resolves.toMatchObject({
      phone: '040 999 888 77',
      postalCode: '22767',
    });
    expect(
      await stack.dataSource.getRepository(AuditLog).countBy({ action: 'settings.agency-profile-updated' }),
    ).toBe(1);
  });

  it('should show a coordinator the agency profile without letting them change it', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(/out=1/);
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    await page.getByRole('link', { name: 'Profil der Agentur' }).click();
    await expect(page.locator('address.agency-contact').textContent()).resolves.toContain('040 999 888 77');
    await expect(page.getByRole('button', { name: 'Speichern' }).isDisabled()).resolves.toBe(true);
    await expectAccessibleHere();
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const post = await page.request.post(`${stack.baseUrl}/console/settings/agency`, {
      form: { _csrf: csrf, name: 'Übernommen' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
  });

  async function expectAccessibleHere(): Promise<void> {
    expect(await seriousAxeViolations(page, WCAG22)).toEqual([]);
  }
});
