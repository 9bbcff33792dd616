import type { Page } from 'playwright-core';
import { Provider } from '../../src/providers/provider.entity';
import { MatchingSettingsService } from '../../src/settings/matching-settings.service';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { StaffUser } from '../../src/staff/staff-user.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const slot = (weekday: number) => [{ weekday, start: '09:00', end: '12:00' }];

describe('the staff console in Chromium: access, volunteers, providers, mail and settings', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let token: string;
  let requestId: string;
  const ids = new Map<string, string>(); // volunteer name → id

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Ada Admin', email: 'ada@agency.test', role: 'admin' });
    await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
      role: 'coordinator',
    });
    token = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    const people: [string, Record<string, unknown>][] = [
      [
        'Aylin Yıldız',
        {
          languages: [{ code: 'tr', level: 'native' }],
          postalCode: '22765',
          skills: ['shopping'],
          availability: slot(1),
        },
      ],
      [
        'Boris Iwanow',
        {
          languages: [{ code: 'ru', level: 'native' }],
          postalCode: '22761',
          skills: ['accompaniment.doctor'],
          availability: slot(2),
        },
      ],
      [
        'Clara Jensen',
        {
          languages: [{ code: 'de', level: 'native' }],
          postalCode: '22765',
          skills: ['accompaniment.walk'],
          availability: slot(1),
          status: 'paused',
        },
      ],
      [
        'Dilan Kaya',
        {
          languages: [{ code: 'tr', level: 'native' }],
          postalCode: '22761',
          skills: ['driving'],
          availability: slot(3),
        },
      ],
    ];
    for (const [name, overrides] of people) {
      const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ name, ...overrides }),
      });
      expect(status).toBe(201);
      ids.set(name, body.id);
    }
    const certificate = await requestJson(
      stack.baseUrl,
      'PUT',
      `/api/staff/volunteers/${ids.get('Aylin Yıldız')}/certificate`,
      {
        token,
        body: { inspectedOn: daysAhead(-365) },
      },
    );
    expect(certificate.status).toBe(200);
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(),
    });
    requestId = created.body.id;
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

  async function resultNames(): Promise<string[]> {
    return (await page.locator('#volunteer-results tbody td:first-child a').allTextContents()).sort();
  }

  it('should send an anonymous visitor to the login page from every page', async () => {
    const provider = await stack.dataSource.getRepository(Provider).save({
      name: 'Seniorentreff Ottensen',
      contactPerson: 'Aylin Demir',
      email: 'treff@example.org',
      streetAddress: 'Bahrenfelder Straße 12',
      postalCode: '22765',
      latitude: 53.55,
      longitude: 9.93,
      district: 'Ottensen',
      fieldsOfActivity: ['SEN'],
    });
    const pages = [
      '/console',
      '/console/intake',
      `/console/requests/${requestId}`,
      '/console/volunteers?language=tr',
      `/console/volunteers/${ids.get('Aylin Yıldız')}`,
      '/console/providers',
      '/console/providers/new',
      `/console/providers/${provider.id}`,
      '/console/mail',
      '/console/settings',
      '/console/no-such-page',
    ];
    for (const path of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      const url = new URL(page.url());
      expect([path, url.pathname, url.searchParams.get('next')]).toEqual([path, '/console/login', path]);
    }
    // The site's root is the public start page; it leads staff to the console's login.
    await page.goto(stack.baseUrl);
    await page.getByRole('link', { name: /Anmeldung zur Konsole/ }).click();
    expect(new URL(page.url()).pathname).toBe('/console/login');
    // A form POST without a session is not carried out either.
    const post = await page.request.post(`${stack.baseUrl}/console/intake`, {
      form: { name: 'x' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(303);
  });

  it('should lock an account after five wrong passwords, also against the right one', async () => {
    await createStaffUser(stack.dataSource, { email: 'lou@agency.test' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await page.goto(`${stack.baseUrl}/console/login`);
      await page.getByLabel('E-Mail-Adresse').fill('lou@agency.test');
      await page.getByLabel('Passwort').fill(`wrong ${attempt}`);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'E-Mail oder Passwort ist falsch',
      );
    }
    await page.getByLabel('Passwort').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('15 Minuten gesperrt');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    const user = await stack.dataSource
      .getRepository(StaffUser)
      .findOneByOrFail({ email: 'lou@agency.test' });
    expect(user.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('should keep a coordinator out of the admin settings', async () => {
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    await expect(page.getByRole('link', { name: 'Einstellungen' }).count()).resolves.toBe(0);
    const missing = await page.goto(`${stack.baseUrl}/console/no-such-page`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Diese Seite gibt es nicht');
    const today = await page.goto(`${stack.baseUrl}/console`);
    expect(today?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const response = await page.goto(`${stack.baseUrl}/console/settings`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('nur für Administrator:innen');
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const post = await page.request.post(`${stack.baseUrl}/console/settings/matching`, {
      form: { _csrf: csrf, maxProposals: '1' },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    const settings = await stack.api.get(MatchingSettingsService).get();
    expect(settings.policy.maxProposals).not.toBe(1);
  });

  it('should refuse a form POST without the session’s CSRF token', async () => {
    const response = await page.request.post(
      `${stack.baseUrl}/console/volunteers/${ids.get('Boris Iwanow')}/pause`,
      {
        form: { awayUntil: daysAhead(10) },
        maxRedirects: 0,
      },
    );
    expect(response.status()).toBe(403);
    const boris = await stack.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ id: ids.get('Boris Iwanow') });
    expect(boris.awayUntil).toBeNull();
  });

  it('should narrow the volunteer list with each filter', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers`);
    await expect(resultNames()).resolves.toEqual([
      'Aylin Yıldız',
      'Boris Iwanow',
      'Clara Jensen',
      'Dilan Kaya',
    ]);
    await expectAccessible('volunteers');
    await page.getByLabel('Sprache (Name oder Code, z. B. Türkisch oder tr)').fill('tr');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/language=tr/);
    await expect(resultNames()).resolves.toEqual(['Aylin Yıldız', 'Dilan Kaya']);
    await page.getByLabel('Stadtteil').selectOption('Bahrenfeld');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForURL(/district=Bahrenfeld/);
    await expect(resultNames()).resolves.toEqual(['Dilan Kaya']);

    const cases: [string, string[]][] = [
      ['skill=accompaniment', ['Boris Iwanow', 'Clara Jensen']],
      ['weekday=1', ['Aylin Yıldız', 'Clara Jensen']],
      ['certificate=valid', ['Aylin Yıldız']],
      ['certificate=missing', ['Boris Iwanow', 'Clara Jensen', 'Dilan Kaya']],
      ['status=paused', ['Clara Jensen']],
      ['q=iwan', ['Boris Iwanow']],
      ['language=tr&weekday=3', ['Dilan Kaya']],
    ];
    for (const [query, expected] of cases) {
      await page.goto(`${stack.baseUrl}/console/volunteers?${query}`);
      expect([query, await resultNames()]).toEqual([query, expected]);
    }
  });

  it('should pause a volunteer until a return date and show the profile with its history', async () => {
    await page.goto(`${stack.baseUrl}/console/volunteers/${ids.get('Boris Iwanow')}`);
    await page.getByLabel('Pausieren bis').fill(daysAhead(14));
    await page.getByRole('button', { name: 'Pausieren', exact: true }).click();
    await page.waitForURL(/done=saved/);
    await expect(page.locator('#away-until').textContent()).resolves.toBe(daysAhead(14));
    await expectAccessible('volunteer');
    const boris = await stack.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ id: ids.get('Boris Iwanow') });
    expect(boris.awayUntil).toBe(daysAhead(14));
    await page.getByRole('button', { name: 'Pause beenden' }).click();
    await page.waitForURL(/done=saved/);
    await expect(page.locator('#away-until').count()).resolves.toBe(0);
    await expect(
      stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: ids.get('Boris Iwanow') }),
    ).resolves.toMatchObject({ awayUntil: null });
    await page.getByLabel('Name', { exact: true }).fill('Boris Iwanow-Petersen');
    await page.getByLabel(/^Verfügbar/).fill('Mo 09:00-12:00, Mi 14:00-18:00');
    await page.getByLabel('Spaziergänge').check();
    await page.getByRole('button', { name: 'Speichern' }).first().click();
    await page.waitForURL(/done=saved/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Boris Iwanow-Petersen',
    );
    await expect(
      stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: ids.get('Boris Iwanow') }),
    ).resolves.toMatchObject({
      skills: ['accompaniment.doctor', 'accompaniment.walk'],
      availability: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 3, start: '14:00', end: '18:00' },
      ],
    });
    await page.getByLabel(/^Verfügbar/).fill('manchmal');
    await page.getByRole('button', { name: 'Speichern' }).first().click();
    // The summary names the field by its label, in words, never by its DTO path.
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Verfügbar: Bitte einen der angebotenen Werte wählen.',
    );
  });

  it('should create and edit a provider', async () => {
    await page.goto(`${stack.baseUrl}/console/providers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Nachbarschaftshaus Altona');
    await page.getByLabel('Ansprechperson').fill('Jonas Beispiel');
    await page.getByLabel('E-Mail').fill('haus@example.org');
    await page.getByLabel('Straße und Hausnummer').fill('Große Bergstraße 189');
    await page.getByLabel('Postleitzahl').fill('99999');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('postal code 99999 is unknown');
    await page.getByLabel('Postleitzahl').fill('22767');
    await page.getByLabel('Senior:innen / Leben im Alter').check();
    await page.getByLabel('Nachbarschaft & Quartier').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/console\/providers\?done=saved/);
    await expectAccessible('providers');
    await page.getByRole('link', { name: 'Nachbarschaftshaus Altona', exact: true }).click();
    await expectAccessible('provider');
    await page.getByLabel('Ansprechperson').fill('Jonas Neu');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/done=saved/);
    const provider = await stack.dataSource
      .getRepository(Provider)
      .findOneByOrFail({ name: 'Nachbarschaftshaus Altona' });
    expect(provider).toMatchObject({ contactPerson: 'Jonas Neu', fieldsOfActivity: ['SEN', 'NBH'] });
    expect(
      await stack.dataSource
        .getRepository(AuditLog)
        .countBy({ action: 'provider.updated', entityId: provider.id }),
    ).toBe(1);
  });

  it('should show the outbox', async () => {
    await page.goto(`${stack.baseUrl}/console/mail`);
    await expect(page.getByRole('heading', { name: 'Postausgang' }).count()).resolves.toBe(1);
    await expectAccessible('mail');
  });

  it('should let an admin change the matching weights and add a colleague', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL(/\/console\/login\?out=1/);
    await loginInBrowser(page, stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expectAccessible('settings');
    await page.getByLabel('Vorschläge je Anfrage höchstens').fill('4');
    await page.getByLabel('Entfernung').fill('0.5');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/done=settings-saved/);
    await page.getByLabel('Entfernung').fill('-1');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Entfernung: ');
    await page.goto(`${stack.baseUrl}/console/settings/staff`);
    await page.getByLabel('Name', { exact: true }).fill('Neue Kollegin');
    await page.getByLabel('E-Mail', { exact: true }).fill('neu@agency.test');
    await page.getByLabel(/Anfangspasswort/).fill('ein langes passwort');
    await page.getByRole('button', { name: 'Mitarbeitende anlegen' }).click();
    await page.waitForURL(/done=staff-created/);
    await page.getByLabel('Rolle: Neue Kollegin').selectOption('admin');
    await page.getByRole('button', { name: 'Rolle ändern: Neue Kollegin' }).click();
    await page.waitForURL(/done=settings-saved/);
    const settings = await stack.api.get(MatchingSettingsService).get();
    expect(settings.policy.maxProposals).toBe(4);
    expect(settings.policy.weights.distance).toBe(0.5);
    await expect(
      stack.dataSource.getRepository(StaffUser).findOneBy({ email: 'neu@agency.test' }),
    ).resolves.toMatchObject({
      role: 'admin',
    });
    expect(await stack.dataSource.getRepository(AuditLog).countBy({ action: 'staff.role-changed' })).toBe(1);
  });
});
