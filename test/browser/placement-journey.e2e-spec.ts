/// <reference lib="dom" />
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { PlacementFollowUpsService } from '../../src/placements/placement-follow-ups.service';
import { Placement } from '../../src/placements/placement.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { insertOpportunity, insertProvider } from '../factories/opportunities.factory';
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

/**
 * Issue 13's journey in Chromium, with the real API, worker and SMTP server: a person signs up
 * interested on the public opportunity page → confirms the address from the email → an adviser
 * records the advisory interview and proposes → the host, from its email, records contacted, trial,
 * started → the clock is moved (follow_up_due_at set into the past: the app has no clock of its
 * own to shift) and the follow-up job runs → both follow-up emails arrive → volunteer and host
 * answer through their links → the console timeline shows both answers. axe and screenshots.
 */
describe('placement journey in Chromium: interest → interview → host → follow-up answers', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let opportunityId: string;
  const email = 'mara.journey@example.org';

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, {
      name: 'Bea Beratung',
      email: 'bea@agency.test',
      role: 'admin',
    });
    const host = await insertProvider(stack.dataSource, {
      name: 'Bücherhalle Ottensen',
      email: 'buecher@host.test',
    });
    opportunityId = (
      await insertOpportunity(stack.dataSource, host.id, { title: 'Lesepatenschaft in der Bücherhalle' })
    ).id;
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  const expectAccessible = async (name: string) => {
    expect({ name, violations: await seriousAxeViolations(page) }).toEqual({ name, violations: [] });
    await screenshotBothWidths(page, `journey-${name}`);
  };
  const mailTo = (address: string, test: (mail: ParsedMail) => boolean) =>
    eventually(`a mail to ${address}`, () =>
      Promise.resolve(smtp.messages.find((m) => JSON.stringify(m.to).includes(address) && test(m))),
    );
  const linkIn = (mail: ParsedMail, path: RegExp): string => {
    const found = [...(mail.text ?? '').matchAll(/https?:\/\/[^\s"<\]]+/g)]
      .map((m) => new URL(m[0]))
      .find((url) => path.test(url.pathname));
    if (!found) {
      throw new Error(`no link ${path} in "${mail.subject}"`);
    }
    return `${stack.baseUrl}${found.pathname}${found.search}`;
  };
  const placement = async () => {
    const volunteer = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ email });
    return stack.dataSource.getRepository(Placement).findOneByOrFail({ volunteerId: volunteer.id });
  };

  it('walks the whole placement from interest to both follow-up answers', async () => {
    // 1. Interest on the public page.
    await page.goto(`${stack.baseUrl}/engagement/${opportunityId}`);
    await page.locator('#field-name').fill('Mara Meier');
    await page.locator('#field-email').fill(email);
    await page.locator('#field-postalCode').fill('22765');
    await page.locator('input[name=consent]').check();
    await page.getByRole('button', { name: 'Interesse senden' }).click();
    expect(await page.locator('h1').textContent()).toContain('Danke');
    expect((await placement()).stage).toBe('interested');

    // 2. Double opt-in from the email.
    const confirmation = await mailTo(email, (m) => /\/email-confirmations\//.test(m.text ?? ''));
    await page.goto(linkIn(confirmation, /^\/email-confirmations\//));
    await page.getByRole('button', { name: 'Ja, das ist meine Adresse' }).click();
    expect(await page.locator('h1').textContent()).toContain('bestätigt');
    const volunteer = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ email });
    expect(volunteer.emailConfirmedAt).not.toBeNull();

    // 3. The adviser records the interview and proposes.
    await loginInBrowser(page, stack.baseUrl, 'bea@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console/volunteers/${volunteer.id}`);
    await page.getByRole('link', { name: 'Beratungsgespräch erfassen' }).click();
    await page.getByLabel('Motivation').fill('Liest gern vor, möchte Kindern helfen.');
    await Promise.all([
      page.waitForURL(/\/console\/volunteers\/[0-9a-f-]{36}\?done=saved/),
      page.getByRole('button', { name: 'Speichern' }).click(),
    ]);
    const placementId = (await placement()).id;
    await page.goto(`${stack.baseUrl}/console/placements/${placementId}`);
    await page.getByLabel('Weiter zu').selectOption('proposed');
    await Promise.all([
      page.waitForURL(/done=moved/),
      page.getByRole('button', { name: 'Stufe setzen' }).click(),
    ]);
    expect((await placement()).stage).toBe('proposed');

    // 4. The host opens its link from the proposal email and records contacted, trial, started.
    const proposal = await mailTo('buecher@host.test', (m) => /\/host\//.test(m.text ?? ''));
    await page.goto(linkIn(proposal, /^\/host\/host\./));
    await expectAccessible('host-page');
    for (const move of ['Kontakt aufgenommen', 'Hospitation vereinbart', 'Hat angefangen']) {
      await page.getByRole('button', { name: move, exact: true }).click();
      await page.waitForLoadState();
    }
    expect((await placement()).stage).toBe('started');

    // 5. The clock: the follow-up falls due (weeks later), the job runs (twice: still two emails).
    await stack.dataSource.query(
      `UPDATE placement SET follow_up_due_at = now() - interval '1 minute' WHERE id = $1`,
      [placementId],
    );
    const followUps = stack.worker!.get(PlacementFollowUpsService);
    expect(await followUps.sendDue()).toBe(1);
    expect(await followUps.sendDue()).toBe(0);
    const volunteerMail = await mailTo(email, (m) => /\/placement-follow-ups\//.test(m.text ?? ''));
    const hostMail = await mailTo('buecher@host.test', (m) => /\/placement-follow-ups\//.test(m.text ?? ''));
    expect(volunteerMail.text).toContain('Stunden eintragen');

    // 6. Both answer in Chromium.
    await page.goto(linkIn(volunteerMail, /^\/placement-follow-ups\//));
    await expectAccessible('follow-up-volunteer');
    // The radios are `required` (the browser asks first); without that check the server answers with field errors.
    await page.evaluate(() => {
      for (const input of Array.from(document.querySelectorAll('input[required]'))) {
        input.removeAttribute('required');
      }
    });
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    expect(await page.locator('.error-summary').count()).toBe(1);
    await expectAccessible('follow-up-errors');
    await page.locator('#going-yes').check();
    await page.locator('#active-yes').check();
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    expect(await page.locator('h1').textContent()).toBe('Danke für Ihre Rückmeldung!');

    await page.goto(linkIn(hostMail, /^\/placement-follow-ups\//));
    await page.locator('#going-partly').check();
    await page.locator('#problem').fill('Die Zeiten passen noch nicht ganz.');
    await page.locator('#active-yes').check();
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    expect(await page.locator('h1').textContent()).toBe('Danke für Ihre Rückmeldung!');

    // 7. The console timeline shows both answers; Heute shows the host's problem.
    await page.goto(`${stack.baseUrl}/console/placements/${placementId}`);
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('Läuft es gut? ja · Noch aktiv? ja');
    expect(timeline).toContain('Läuft es gut? teilweise · Noch aktiv? ja');
    expect(timeline).toContain('Die Zeiten passen noch nicht ganz.');
    await expectAccessible('timeline');
    await page.goto(`${stack.baseUrl}/console`);
    expect(await page.locator('#section-placementFollowUpProblems').textContent()).toContain('Mara Meier');
  });
});
