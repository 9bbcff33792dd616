import type { ParsedMail } from 'mailparser';
import { addDays, berlinDateOf, isoWeekday } from '../../src/shared/berlin-time';
import { Match } from '../../src/matching/match.entity';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks, recipientOf } from '../helpers/mail';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

const HOUR = 3600_000;
const icsLines = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);

describe('Heute, urgency thresholds, staff email links and weekly first dates', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let adminToken: string;
  let coordinatorToken: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const admin = await createStaffUser(stack.dataSource, { role: 'admin', email: 'ada@agency.test' });
    const coordinator = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    coordinatorToken = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${adminToken}`;
    csrf = csrfTokenFor(adminToken, stack.config.LINK_SECRET);
    for (const postalCode of ['22765', '22767']) {
      const { status } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token: adminToken,
        body: volunteerBody({ postalCode }),
      });
      expect(status).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  };
  const post = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...form }),
      redirect: 'manual',
    });
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  };

  async function requestWithProposals(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(overrides),
    });
    expect(created.status).toBe(201);
    await eventually('proposals', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token: adminToken,
      });
      return detail.body.status === 'proposals-ready' ? true : null;
    });
    return created.body.id as string;
  }

  /** The section of Heute with this key, as HTML. */
  const sectionOf = (html: string, key: string): string => {
    const start = html.indexOf(`id="section-${key}"`);
    expect(start).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf('</section>', start));
  };
  const rowsFor = (html: string, id: string): number =>
    html.split(`href="/console/requests/${id}"`).length - 1;

  describe('urgency settings', () => {
    it('should start with the defaults and refuse bad input with field errors, storing nothing', async () => {
      const initial = await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/urgency', {
        token: coordinatorToken,
      });
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({
        thresholds: {
          high: { amount: 4, unit: 'hours' },
          normal: { amount: 2, unit: 'days' },
          low: { amount: 5, unit: 'days' },
        },
        openingHours: [],
      });
      const bad = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/urgency', {
        token: adminToken,
        body: {
          thresholds: { high: { amount: 0, unit: 'hours' }, low: { amount: 3, unit: 'weeks' } },
          openingHours: [{ weekday: 1, start: '17:00', end: '09:00' }],
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'openingHours',
        'thresholds.high.amount',
        'thresholds.low.unit',
      ]);
      const byCoordinator = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/urgency', {
        token: coordinatorToken,
        body: { thresholds: { high: { amount: 2 } } },
      });
      expect(byCoordinator.status).toBe(403);
      const rows = await stack.dataSource.query(`SELECT 1 FROM agency_setting WHERE key = 'urgency'`);
      expect(rows).toHaveLength(0);

      const page = await post('/console/settings/urgency', {
        'high.amount': 'vier',
        'high.unit': 'hours',
        'normal.amount': '2',
        'normal.unit': 'days',
        'low.amount': '5',
        'low.unit': 'days',
        openingHours: 'Mo 9-17 Uhr',
      });
      expect(page.status).toBe(400);
      expect(page.html).toContain('error-summary');
      expect(page.html).toContain('field-thresholds-high-amount');
      expect(page.html).toContain('field-openingHours');
      expect(await stack.dataSource.query(`SELECT 1 FROM agency_setting WHERE key = 'urgency'`)).toHaveLength(
        0,
      );
    });

    it('should save through the console form, audited with before and after', async () => {
      const saved = await post('/console/settings/urgency', {
        'high.amount': '3',
        'high.unit': 'hours',
        'normal.amount': '2',
        'normal.unit': 'days',
        'low.amount': '5',
        'low.unit': 'days',
        openingHours: 'Mo 09:00-17:00, Di 09:00-17:00',
      });
      expect(saved.status).toBe(303);
      const current = await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/urgency', {
        token: adminToken,
      });
      expect(current.body.thresholds.high).toEqual({ amount: 3, unit: 'hours' });
      expect(current.body.openingHours).toEqual([
        { weekday: 1, start: '09:00', end: '17:00' },
        { weekday: 2, start: '09:00', end: '17:00' },
      ]);
      const [audit] = await stack.dataSource.query(
        `SELECT details FROM audit_log WHERE action = 'settings.urgency-updated' ORDER BY at DESC LIMIT 1`,
      );
      expect(audit.details.before.thresholds.high).toEqual({ amount: 4, unit: 'hours' });
      expect(audit.details.after.thresholds.high).toEqual({ amount: 3, unit: 'hours' });
      const page = await get('/console/settings/urgency');
      expect(page.status).toBe(200);
      expect(page.html).toContain('value="Mo 09:00-17:00, Di 09:00-17:00"');
    });
  });

  describe('Heute', () => {
    let overdue: string;
    let fresh: string;
    let escalated: string;

    const putUrgency = async (body: unknown) => {
      const response = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/urgency', {
        token: adminToken,
        body,
      });
      expect(response.status).toBe(200);
    };

    beforeAll(async () => {
      await putUrgency({ thresholds: { high: { amount: 4, unit: 'hours' } }, openingHours: [] });
      overdue = await requestWithProposals({ urgency: 'high' });
      fresh = await requestWithProposals({ urgency: 'high' });
      escalated = await requestWithProposals({ urgency: 'high' });
      const backdate = (id: string, hours: number) =>
        stack.dataSource.query(`UPDATE help_request SET status_changed_at = $2 WHERE id = $1`, [
          id,
          new Date(Date.now() - hours * HOUR),
        ]);
      await backdate(overdue, 5);
      await backdate(fresh, 1);
      await backdate(escalated, 6);
    });

    it('should show an overdue request once, in "waiting too long", saying by how much', async () => {
      const { status, html } = await get('/console');
      expect(status).toBe(200);
      expect(rowsFor(html, overdue)).toBe(1);
      expect(rowsFor(html, fresh)).toBe(1);
      const section = sectionOf(html, 'overdue');
      expect(section).toContain(`/console/requests/${overdue}"`);
      expect(section).toMatch(/1 Std\. (\d+ Min\. )?über der Frist/);
      expect(section).not.toContain(`/console/requests/${fresh}"`);
      expect(sectionOf(html, 'review')).toContain(`/console/requests/${fresh}"`);
      // Each row: name, source, date needed.
      expect(section).toContain('Erika Muster');
      expect(section).toContain('Online-Formular');
      expect(section).toMatch(/einmalig: \p{L}+\., \d{2}\.\d{2}\.\d{4}/u);
    });

    it('should count waiting time in opening hours only, and follow the thresholds', async () => {
      // Open only on a weekday that is neither today nor yesterday: none of the five hours counts.
      const today = isoWeekday(berlinDateOf(new Date()));
      const closedDay = ((today + 2) % 7) + 1;
      await putUrgency({ openingHours: [{ weekday: closedDay, start: '09:00', end: '17:00' }] });
      let html = (await get('/console')).html;
      expect(sectionOf(html, 'overdue')).not.toContain(`/console/requests/${overdue}"`);
      expect(sectionOf(html, 'review')).toContain(`/console/requests/${overdue}"`);

      // Open around the clock: the same as calendar time again.
      await putUrgency({
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      });
      html = (await get('/console')).html;
      expect(sectionOf(html, 'overdue')).toContain(`/console/requests/${overdue}"`);

      // A longer threshold: no longer overdue.
      await putUrgency({ thresholds: { high: { amount: 8, unit: 'hours' } }, openingHours: [] });
      html = (await get('/console')).html;
      expect(sectionOf(html, 'overdue')).not.toContain(`/console/requests/${overdue}"`);
      await putUrgency({ thresholds: { high: { amount: 4, unit: 'hours' } } });
    });

    it('should put an escalated request first, once, even when it is overdue as well', async () => {
      // The column comes with the answer-deadline work (another branch); Heute picks it up when present.
      await stack.dataSource.query(
        `ALTER TABLE help_request ADD COLUMN IF NOT EXISTS escalated_at timestamptz`,
      );
      await stack.dataSource.query(`UPDATE help_request SET escalated_at = now() WHERE id = $1`, [escalated]);
      const { html } = await get('/console');
      expect(rowsFor(html, escalated)).toBe(1);
      expect(sectionOf(html, 'escalated')).toContain(`/console/requests/${escalated}"`);
      expect(sectionOf(html, 'escalated')).toContain('über der Frist');
      expect(sectionOf(html, 'overdue')).not.toContain(`/console/requests/${escalated}"`);
    });

    it('should list offers waiting for an answer with their deadline', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${fresh}`, {
        token: adminToken,
      });
      const matchId = detail.body.matches[0].id as string;
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, {
        token: adminToken,
      });
      expect(approved.status).toBe(200);
      const match = await eventually('the offer sent', async () => {
        const row = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: matchId });
        return row.status === 'offered' ? row : null;
      });
      const { html } = await get('/console');
      const section = sectionOf(html, 'offered');
      expect(section).toContain(`/console/requests/${fresh}"`);
      expect(rowsFor(html, fresh)).toBe(1);
      const deadline = new Intl.DateTimeFormat('de', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(match.offerExpiresAt!);
      expect(section).toContain(`Antwort bis ${deadline}`);
    });

    it('should list new online sign-ups with a confirmed email waiting for activation', async () => {
      const { body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token: adminToken,
        body: volunteerBody({ name: 'Nora Neu' }),
      });
      await stack.dataSource.query(
        `UPDATE volunteer SET status = 'pending', email_confirmed_at = now() WHERE id = $1`,
        [body.id],
      );
      const section = sectionOf((await get('/console')).html, 'signUps');
      expect(section).toContain(`href="/console/volunteers/${body.id}"`);
      expect(section).toContain('Nora Neu');
    });
  });

  describe('a weekly request and the staff emails', () => {
    it('should show the first date in the offer email, on the accept page and in the .ics; staff links go to the console', async () => {
      let from = addDays(berlinDateOf(new Date()), 14);
      while (isoWeekday(from) !== 2) {
        from = addDays(from, 1);
      }
      const id = await requestWithProposals({
        schedule: { kind: 'weekly', from, slots: [{ weekday: 2, start: '09:00', end: '12:00' }] },
      });
      const before = smtp.messages.length;
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${id}`, {
        token: adminToken,
      });
      const [best] = detail.body.matches;
      await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${best.id}/approve`, {
        token: adminToken,
      });
      const firstDay = new Intl.DateTimeFormat('de', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'numeric',
      }).format(new Date(`${from}T12:00:00Z`));
      const weekly = new RegExp(
        `ab ${firstDay.replace(/\./g, '\\.')},\\s+jede\\s+Woche\\s+9:00–12:00\\s+Uhr`,
      );
      const offer: ParsedMail = await eventually('the offer email', () =>
        Promise.resolve(smtp.messages.slice(before).find((mail) => mail.subject?.startsWith('Anfrage'))),
      );
      expect(offer.text).toMatch(weekly);
      const links = offerLinks(offer);
      const page = await requestPage(links.accept);
      expect(page.html).toMatch(weekly);

      await eventually('offer sent', async () =>
        (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: best.id })).status === 'offered'
          ? true
          : null,
      );
      expect((await requestPage(links.accept, 'POST')).status).toBe(200);
      const confirmation: ParsedMail = await eventually('the confirmation', () =>
        Promise.resolve(
          smtp.messages
            .slice(before)
            .find(
              (mail) =>
                mail !== offer && mail.attachments.some((a) => a.contentType.startsWith('text/calendar')),
            ),
        ),
      );
      expect(confirmation.text).toMatch(weekly);
      const ics = icsLines(
        confirmation.attachments
          .find((a) => a.contentType.startsWith('text/calendar'))!
          .content.toString('utf8'),
      );
      expect(ics).toContain(`DTSTART;TZID=Europe/Berlin:${from.replace(/-/g, '')}T090000`);
      expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');

      const staffNotice: ParsedMail = await eventually('the staff notice', () =>
        Promise.resolve(
          smtp.messages
            .slice(before)
            .find((mail) => recipientOf(mail) === 'team@agency.test' && /^Zusage/.test(mail.subject ?? '')),
        ),
      );
      expect(staffNotice.html).toContain(`${stack.baseUrl}/console/requests/${id}`);
      expect(staffNotice.html).not.toContain('/api/');
      expect(staffNotice.text).not.toContain('/api/');
    });
  });
});
