/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { Provider } from '../../src/providers/provider.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { daysAhead, publicHelpRequestBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { launchChromium, screenshot, seriousAxeViolations, tabTo, TestBrowser } from '../helpers/chromium';
import { loginAs, requestJson } from '../helpers/http';
import { linksIn, messagesTo } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/** The next date (after today) that falls on the ISO weekday, as YYYY-MM-DD in Hamburg. */
function nextWeekday(isoWeekday: number): string {
  for (let days = 1; days <= 7; days += 1) {
    const day = daysAhead(days);
    if (((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 === isoWeekday) {
      return day;
    }
  }
  throw new Error('unreachable');
}

/**
 * A volunteer's whole life on the public side, in Chromium: sign-up, double opt-in, staff
 * activation, an offer; the self-service page behind the magic link (availability changes who is
 * matched, JSON export); account deletion, checked row by row in every table. And a provider's sign-up.
 */
describe('volunteer sign-up and self-service in Chromium', () => {
  const EMAIL = 'selma.selbst@example.org';
  const NAME = 'Selma Selbstständig';
  const PHONE = '0170 5550123';
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let chromium: TestBrowser;
  let page: Page;
  let token: string;
  let volunteerId: string;
  let selfServiceUrl: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ bypassCSP: true });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await chromium?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function submitRequest(schedule: Record<string, unknown>, description: string): Promise<string> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({ postalCode: '22765', schedule, description }),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const detailOf = async (requestId: string) =>
    (await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, { token })).body;

  const proposedVolunteers = async (requestId: string): Promise<string[]> =>
    ((await detailOf(requestId)).matches ?? []).map((m: { volunteer: { id: string } }) => m.volunteer.id);

  it('should sign a volunteer up, confirm the address from the email, and keep them pending until staff activate', async () => {
    // With the keyboard alone: Tab to each field, type, Space ticks a checkbox, Enter sends.
    await page.goto(`${stack.baseUrl}/volunteer`);
    const type = async (selector: string, text: string) => {
      await tabTo(page, selector);
      await page.keyboard.type(text);
    };
    const tick = async (selector: string) => {
      await tabTo(page, selector);
      await page.keyboard.press('Space');
    };
    await type('#field-name', NAME);
    await type('#field-email', EMAIL);
    await type('#field-phone', PHONE);
    await type('#field-postalCode', '22765');
    await type('#field-maxTravelKm', '3');
    await tick('input[name=languages][value=de]');
    await tick('input[name=languages][value=tr]');
    await tick('input[name=skills][value=shopping]');
    await tick('input[name=availability][value="3-afternoon"]');
    await tick('#field-consent');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/volunteer\/thanks/);

    const volunteer = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ email: EMAIL });
    volunteerId = volunteer.id;
    expect(volunteer).toMatchObject({
      name: NAME,
      status: 'pending',
      emailConfirmedAt: null,
      languageCodes: ['de', 'tr'],
      availability: [{ weekday: 3, start: '13:00', end: '17:00' }],
    });
    const consents = await stack.dataSource.query(
      `SELECT purpose, mode FROM consent_record WHERE subject_id = $1`,
      [volunteerId],
    );
    expect(consents).toEqual([{ purpose: 'volunteer-pool', mode: 'online' }]);

    const confirmation = await eventually('the confirmation email', () =>
      Promise.resolve(messagesTo(smtp.messages, EMAIL)[0]),
    );
    const [confirmUrl] = linksIn(confirmation, '/email-confirmations/');
    await page.goto(confirmUrl);
    await page.click('button[type=submit]');
    expect(await page.textContent('h1')).toContain('bestätigt');
    expect(
      (await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteerId })).emailConfirmedAt,
    ).not.toBeNull();

    // Signing up again with the same address: the same answer, no second email, nothing changed.
    await page.goto(`${stack.baseUrl}/volunteer`);
    await page.fill('#field-name', 'Jemand Anders');
    await page.fill('#field-email', EMAIL);
    await page.fill('#field-postalCode', '22765');
    await page.fill('#field-maxTravelKm', '5');
    await page.check('input[name=languages][value=de]');
    await page.check('input[name=skills][value=shopping]');
    await page.check('input[name=availability][value="1-morning"]');
    await page.check('#field-consent');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/volunteer\/thanks/);
    expect((await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteerId })).name).toBe(
      NAME,
    );
    // Its owner gets the link to their own page instead of a second confirmation.
    const reminder = await eventually('the self-service link after a second sign-up', () =>
      Promise.resolve(
        messagesTo(smtp.messages, EMAIL).find((mail) => linksIn(mail, '/preferences/').length > 0),
      ),
    );
    [selfServiceUrl] = linksIn(reminder, '/preferences/');

    // Pending volunteers are not matched.
    const beforeActivation = await submitRequest(
      { kind: 'one-off', date: nextWeekday(3), start: '14:00', end: '15:00' },
      'Einkauf am Mittwochnachmittag.',
    );
    await eventually('matching done', async () =>
      ['open', 'proposals-ready'].includes((await detailOf(beforeActivation)).status),
    );
    expect(await proposedVolunteers(beforeActivation)).not.toContain(volunteerId);
    expect(messagesTo(smtp.messages, EMAIL).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('bestätigen'),
      expect.stringContaining('Link'),
    ]);
  });

  it('should send the volunteer an offer once staff activated them after the intake talk', async () => {
    // After the talk: active, and (for this test, whatever the hour) no quiet hours.
    const activated = await requestJson(stack.baseUrl, 'PATCH', `/api/staff/volunteers/${volunteerId}`, {
      token,
      body: { status: 'active', quietHours: null },
    });
    expect(activated.status).toBe(200);
    const requestId = await submitRequest(
      { kind: 'one-off', date: nextWeekday(3), start: '14:00', end: '15:00' },
      'Einkauf für Frau K. am Mittwoch.',
    );
    const matchId = await eventually('the new volunteer proposed', async () => {
      const match = ((await detailOf(requestId)).matches ?? []).find(
        (m: { volunteer: { id: string } }) => m.volunteer.id === volunteerId,
      );
      return match?.id as string | undefined;
    });
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, { token })).status,
    ).toBe(200);
    const offer = await eventually('the offer email', () =>
      Promise.resolve(messagesTo(smtp.messages, EMAIL).find((mail) => linksIn(mail, '/offers/').length > 0)),
    );
    expect(offer.subject).toContain('Anfrage');
  });

  it('should send the magic link for a registered address only, at most once an hour; the page says the same either way', async () => {
    const pages: string[] = [];
    for (const email of ['nobody@example.org', EMAIL, EMAIL]) {
      await page.goto(`${stack.baseUrl}/my-account`);
      await page.fill('#field-email', email);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/my-account\/sent/);
      pages.push((await page.textContent('main')) ?? '');
    }
    expect(new Set(pages).size).toBe(1);
    // The link sent after the second sign-up this hour stays the only one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const links = messagesTo(smtp.messages, EMAIL).filter((mail) => mail.subject?.includes('Link'));
    expect(links).toHaveLength(1);
    expect(messagesTo(smtp.messages, 'nobody@example.org')).toEqual([]);
  });

  it('should change who is matched when the volunteer changes their availability in self-service', async () => {
    const friday = await submitRequest(
      { kind: 'one-off', date: nextWeekday(5), start: '10:00', end: '11:00' },
      'Apotheke am Freitagvormittag.',
    );
    await eventually('matching done', async () =>
      ['open', 'proposals-ready'].includes((await detailOf(friday)).status),
    );
    expect(await proposedVolunteers(friday)).not.toContain(volunteerId);

    await page.goto(selfServiceUrl);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.textContent('#matches ~ ul')).toContain('Einkaufshilfe');
    // With the keyboard alone, like every form here.
    await tabTo(page, '#field-maxTravelKm');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await tabTo(page, 'input[name=availability][value="5-morning"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action$="/profile"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toContain('gespeichert');

    const saved = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteerId });
    expect(saved.availability).toEqual([
      { weekday: 3, start: '13:00', end: '17:00' },
      { weekday: 5, start: '09:00', end: '12:00' },
    ]);
    expect(saved.maxTravelKm).toBe(4);
    await eventually('the volunteer proposed for Friday', async () =>
      (await proposedVolunteers(friday)).includes(volunteerId),
    );

    // A bad value is named next to its field, and nothing changes.
    await page.goto(selfServiceUrl);
    await page.fill('#field-postalCode', '123');
    await page.click('form[action$="/profile"] button[type=submit]');
    expect(await page.getAttribute('#field-postalCode', 'aria-describedby')).toBe('field-postalCode-error');
    expect(await page.textContent('#field-postalCode-error')).toContain('5 Ziffern');
    expect(await page.inputValue('#field-postalCode')).toBe('123');
    await screenshot(page, 'self-service-error');
  });

  it('should let the volunteer download all their data as JSON', async () => {
    const response = await fetch(`${selfServiceUrl}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = (await response.json()) as {
      profile: { email: string; name: string };
      consents: { purpose: string }[];
      matches: { status: string; upcoming: boolean }[];
      emails: { kind: string }[];
    };
    expect(data.profile).toMatchObject({ email: EMAIL, name: NAME });
    expect(data.consents.map((c) => c.purpose)).toEqual(['volunteer-pool']);
    expect(data.matches).toEqual([expect.objectContaining({ status: 'offered', upcoming: true })]);
    expect(data.emails.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'volunteer-email-confirmation',
        'volunteer-offer',
        'volunteer-self-service-link',
      ]),
    );
  });

  it('should erase the personal data from every table on deletion and keep the anonymous match history', async () => {
    await page.goto(selfServiceUrl);
    await page.click('form[action$="/delete"] button[type=submit]');
    expect(await page.textContent('#field-confirm-error')).toContain('Haken');
    expect((await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteerId })).name).toBe(
      NAME,
    );
    await page.check('#field-confirm');
    await page.click('form[action$="/delete"] button[type=submit]');
    expect(await page.textContent('h1')).toContain('gelöscht');

    // Every row of every table, as text: none may still hold the name, the address or the number.
    const tables: { table_name: string }[] = await stack.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const leftovers: string[] = [];
    for (const { table_name: table } of tables) {
      for (const needle of [EMAIL, NAME, PHONE, 'Selma']) {
        const [{ n }] = await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE '%' || $1 || '%'`,
          [needle],
        );
        if (n > 0) {
          leftovers.push(`${table}: ${n} × ${needle}`);
        }
      }
    }
    expect(leftovers).toEqual([]);

    // The history stays for the statistics, tied to an anonymous row.
    const history = await stack.dataSource.query(
      `SELECT m.status, v.name, v.email, v.phone, v.erased_at IS NOT NULL AS erased, v.status AS volunteer_status
         FROM match m JOIN volunteer v ON v.id = m.volunteer_id WHERE v.id = $1`,
      [volunteerId],
    );
    expect(history.length).toBeGreaterThan(0);
    expect(history[0]).toMatchObject({ name: '–', phone: null, erased: true, volunteer_status: 'inactive' });
    expect(history[0].email).toMatch(/@erased\.invalid$/);
    const [{ consents }] = await stack.dataSource.query(
      `SELECT count(*)::int AS consents FROM consent_record WHERE subject_id = $1`,
      [volunteerId],
    );
    expect(consents).toBe(0);

    // The link leads nowhere any more.
    expect((await fetch(selfServiceUrl)).status).toBe(400);
  });

  it('should take a provider’s sign-up into staff review, inactive until approved', async () => {
    await page.goto(`${stack.baseUrl}/provider?lang=en`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.click('button[type=submit]');
    expect(await page.textContent('#field-contactPerson-error')).toContain('contact person');
    // With the keyboard alone; the summary's link leads to the first field at fault.
    await tabTo(page, '#error-summary a');
    await Promise.all([
      page.waitForFunction(() => location.hash === '#field-name'),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-name');
    for (const [selector, text] of [
      ['#field-name', 'Seniorentreff Test'],
      ['#field-contactPerson', 'Aylin Demir'],
      ['#field-email', 'treff@example.org'],
      ['#field-streetAddress', 'Bahrenfelder Straße 12'],
      ['#field-postalCode', '22765'],
    ]) {
      await tabTo(page, selector);
      await page.keyboard.type(text);
    }
    for (const selector of ['input[name=fields][value=SEN]', '#field-consent']) {
      await tabTo(page, selector);
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/provider\/thanks/);

    const provider = await stack.dataSource
      .getRepository(Provider)
      .findOneByOrFail({ name: 'Seniorentreff Test' });
    expect(provider).toMatchObject({ reviewStatus: 'pending', active: false });
    const pending = await requestJson(stack.baseUrl, 'GET', '/api/staff/providers?reviewStatus=pending', {
      token,
    });
    expect(pending.body.map((p: { id: string }) => p.id)).toEqual([provider.id]);
    const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/providers/${provider.id}/approve`, {
      token,
    });
    expect(approved.body).toMatchObject({ reviewStatus: 'approved', active: true });
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/providers/${provider.id}/approve`, { token }))
        .status,
    ).toBe(409);
  });
});
