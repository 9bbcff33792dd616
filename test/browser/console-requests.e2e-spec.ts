import type { Page } from 'playwright-core';
import { Match } from '../../src/matching/match.entity';
import { AuditLog } from '../../src/staff/audit-log.entity';
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
import { recipientOf } from '../helpers/mail';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

describe('the staff console in Chromium: intake, candidates, approve, reject and pick another', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  const volunteers = new Map<string, string>(); // name → email

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // The worker starts after the settings below, so its first matching run already reads them.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
    });
    const token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    // Two proposals per request, so the third volunteer is someone staff can still pick by hand.
    await createStaffUser(stack.dataSource, { email: 'ada@agency.test', role: 'admin' });
    const adminToken = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    const settings = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/matching', {
      token: adminToken,
      body: { policy: { maxProposals: 2 } },
    });
    expect(settings.status).toBe(200);
    await stack.startWorker();
    for (const [name, postalCode] of [
      ['Anna Nah', '22765'],
      ['Ben Mittel', '22767'],
      ['Cem Weiter', '22761'],
    ]) {
      const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ name, postalCode, maxOpenAssignments: 5 }),
      });
      expect(status).toBe(201);
      volunteers.set(name, body.email);
    }
    const paused = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: 'Paula Pause', postalCode: '22765', status: 'paused' }),
    });
    expect(paused.status).toBe(201);
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

  /** Reloads the request page until the matching job has put the proposals on it. */
  async function waitForCandidates(): Promise<string[]> {
    return eventually('candidates on the request page', async () => {
      await page.reload();
      const names = await page
        .locator('#candidates tbody tr[data-status="proposed"] td:nth-child(2) a')
        .allTextContents();
      return names.length === 2 ? names : null;
    });
  }

  it('should send an anonymous visitor to the login page and back after logging in', async () => {
    await page.goto(`${stack.baseUrl}/console/intake`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/intake');
    await expectAccessible('login');
    await page.getByLabel('E-Mail-Adresse').fill('kim@agency.test');
    await page.getByLabel('Passwort').fill('wrong password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('E-Mail oder Passwort ist falsch');
    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/intake`);
    expect(new URL(page.url()).pathname).toBe('/console/intake');
    const cookies = await browser.context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'nahbar_staff')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it('should take a phone intake to candidates, approve the best and email that volunteer', async () => {
    await page.goto(`${stack.baseUrl}/console/intake`);
    await expectAccessible('intake');
    await page.getByLabel('Name', { exact: true }).fill('Erika Anruf');
    await page.getByLabel('Telefon', { exact: true }).fill('040 555123');
    await page.getByLabel('Straße und Hausnummer').fill('Große Bergstraße 189');
    await page.getByLabel('Postleitzahl').fill('22765');
    await page.getByLabel('Art der Hilfe').selectOption('shopping');
    await page.getByLabel('Was wird gebraucht?').fill('Wocheneinkauf, etwa eine Stunde');
    await page.getByLabel('Datum').fill(daysAhead(3));
    await page.getByLabel('von').fill('10:00');
    await page.getByLabel('bis').fill('11:30');
    await page.getByLabel(/eingewilligt/).check();
    await page.getByRole('button', { name: 'Anfrage speichern' }).click();
    await page.waitForURL(/\/console\/requests\/[0-9a-f-]+\?done=created$/);
    const requestId = new URL(page.url()).pathname.split('/').pop()!;

    const names = await waitForCandidates();
    expect(names[0]).toBe('Anna Nah');
    await expect(page.locator('#timeline').textContent()).resolves.toContain('Anfrage aufgenommen');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'mündlich, aufgenommen von Kim Koordination',
    );
    await expectAccessible('request');

    await page.getByRole('button', { name: 'Anfragen: Anna Nah' }).click();
    await page.waitForURL(/done=approved/);
    const [offer] = await smtp.waitForMessages(1);
    expect(recipientOf(offer)).toBe(volunteers.get('Anna Nah'));
    const approved = await stack.dataSource
      .getRepository(Match)
      .findOneByOrFail({ requestId, status: 'approved' });
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneBy({ action: 'match.approved', entityId: approved.id });
    expect(audit).not.toBeNull();
  });

  it('should offer a known caller at intake and file the new request under that person', async () => {
    await page.goto(`${stack.baseUrl}/console/intake`);
    await page.getByLabel('Name', { exact: true }).fill('erika anruf');
    await page.getByLabel('Telefon', { exact: true }).fill('040/555-123');
    await page.getByLabel('Postleitzahl').fill('22767');
    await page.getByLabel('Art der Hilfe').selectOption('visiting');
    await page.getByLabel('Was wird gebraucht?').fill('Besuch und Gespräch');
    await page.getByLabel('Datum').fill(daysAhead(6));
    await page.getByLabel(/eingewilligt/).check();
    await page.getByRole('button', { name: 'Anfrage speichern' }).click();
    await expect(
      page.getByRole('group', { name: 'Diese Person ist vielleicht schon bekannt' }).count(),
    ).resolves.toBe(1);
    await expectAccessible('intake-duplicates');
    // What was typed is still there; staff only choose.
    await expect(page.getByLabel('Was wird gebraucht?').inputValue()).resolves.toBe('Besuch und Gespräch');
    await page.getByLabel(/Bekannte Person verwenden: Erika Anruf/).check();
    await page.getByRole('button', { name: 'Anfrage speichern' }).click();
    await page.waitForURL(/done=created$/);
    const requestId = new URL(page.url()).pathname.split('/').pop()!;
    const [{ count }] = await stack.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM help_request
        WHERE help_seeker_id = (SELECT help_seeker_id FROM help_request WHERE id = $1)`,
      [requestId],
    );
    expect(count).toBe(2);
    await expect(page.locator('main').textContent()).resolves.toContain('040 555123');
  });

  it('should reject the best candidate and ask the one staff picked instead', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        schedule: { kind: 'one-off', date: daysAhead(4), start: '14:00', end: '15:00' },
      }),
    });
    expect(created.status).toBe(201);
    await page.goto(`${stack.baseUrl}/console/requests/${created.body.id}`);
    const names = await waitForCandidates();
    const [best, second] = names;
    await page.getByRole('button', { name: `Ablehnen: ${best}` }).click();
    await page.waitForURL(/done=rejected/);
    await expect(page.locator(`#candidates tr[data-status="withdrawn"]`).textContent()).resolves.toContain(
      best,
    );
    const mailsBefore = smtp.messages.length;
    await page.getByRole('button', { name: `Anfragen: ${second}` }).click();
    await page.waitForURL(/done=approved/);
    const mails = await smtp.waitForMessages(mailsBefore + 1);
    expect(recipientOf(mails[mailsBefore])).toBe(volunteers.get(second));
    await expect(page.locator('#timeline').textContent()).resolves.toContain(`Vorschlag abgelehnt: ${best}`);
  });

  it('should ask a volunteer staff picked by hand who was not among the proposals', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        schedule: { kind: 'one-off', date: daysAhead(5), start: '09:00', end: '10:00' },
      }),
    });
    await page.goto(`${stack.baseUrl}/console/requests/${created.body.id}`);
    const proposed = await waitForCandidates();
    await page.getByLabel('Name oder E-Mail der oder des Freiwilligen').fill('Paula');
    await page.getByRole('button', { name: 'Prüfen' }).click();
    await expect(page.locator('#pick-results').textContent()).resolves.toMatch(
      /Paula Pause.*kommt nicht infrage/s,
    );
    await expect(page.getByRole('button', { name: 'Vorschlagen: Paula Pause' }).count()).resolves.toBe(0);
    const other = [...volunteers.keys()].find((name) => !proposed.includes(name))!;
    await page.getByLabel('Name oder E-Mail der oder des Freiwilligen').fill(other.split(' ')[0]);
    await page.getByRole('button', { name: 'Prüfen' }).click();
    await expect(page.locator('#pick-results').textContent()).resolves.toMatch(
      new RegExp(`${other}.*käme infrage`, 's'),
    );
    await page.getByRole('button', { name: `Vorschlagen: ${other}` }).click();
    await page.waitForURL(/done=proposed/);
    const mailsBefore = smtp.messages.length;
    await page.getByRole('button', { name: `Anfragen: ${other}` }).click();
    await page.waitForURL(/done=approved/);
    const mails = await smtp.waitForMessages(mailsBefore + 1);
    expect(recipientOf(mails[mailsBefore])).toBe(volunteers.get(other));
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneBy({ action: 'match.proposed-by-staff', entityId: created.body.id });
    expect(audit?.details).toEqual({ volunteerId: expect.any(String) });
  });

  it('should show today’s work, in German and in English', async () => {
    await page.goto(`${stack.baseUrl}/console`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Heute');
    await expectAccessible('today');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today');
    await page.goto(`${stack.baseUrl}/console/intake`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Phone intake');
    await page.goto(`${stack.baseUrl}/console?lang=de`);
  });
});
