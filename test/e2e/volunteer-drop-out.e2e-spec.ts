import { CallTask } from '../../src/help-seekers/call-task.entity';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { createOfferToken } from '../../src/shared/offer-links';
import { createLinkToken } from '../../src/shared/signed-links';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { linkPagesFixture, type LinkPageUrls } from '../helpers/link-fixtures';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;

/**
 * A volunteer who accepted and cannot come after all: through the link in the confirmation (asks
 * first, saves on POST, idempotent, old links refused) or recorded by staff. The request is matched
 * again, staff are alerted on Heute and by email, the help-seeker gets a call task. Also: a decline
 * with its reason, and the welcome / deactivation emails. Each scenario in its own city.
 */
describe('a volunteer drops out, declines with a reason, is welcomed and deactivated', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const matchOf = (id: string) => stack.dataSource.getRepository(Match).findOneByOrFail({ id });
  const requestOf = (id: string) => stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id });
  const kindsAbout = async (subjectId: string) =>
    (await stack.dataSource.getRepository(Notification).findBy({ subjectId })).map((n) => n.kind);
  const dropOutLink = (matchId: string, version = 1, expiresAt = new Date(Date.now() + 30 * DAY_MS)) =>
    `${stack.baseUrl}/drop-outs/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'drop-out',
      subjectId: matchId,
      action: 'drop-out',
      expiresAt,
      version,
    })}`;
  const post = (url: string, fields: Record<string, string>, console = false) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(console ? { cookie } : {}),
      },
      body: new URLSearchParams(console ? { _csrf: csrf, ...fields } : fields),
    }).then(async (response) => ({ status: response.status, html: await response.text(), response }));
  const kindsOf = async (recipient: string) =>
    (await stack.dataSource.getRepository(Notification).findBy({ recipient })).map((n) => n.kind);
  const consolePage = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie } }).then(async (response) => ({
      status: response.status,
      html: await response.text(),
    }));

  async function accepted(postalCode: string): Promise<LinkPageUrls & { requestId: string }> {
    const urls = await linkPagesFixture(stack, token, { postalCode });
    const answered = await requestPage(urls.offerAccept, 'POST');
    expect(answered.status).toBe(200);
    const { requestId } = await matchOf(urls.matchId);
    expect((await requestOf(requestId)).status).toBe('matched');
    return { ...urls, requestId };
  }

  it('should carry the drop-out link in the confirmation email', async () => {
    const urls = await accepted('50667');
    const mail = await eventually('the confirmation', () =>
      Promise.resolve(
        smtp.messages.find(
          (message) => message.text?.includes('/drop-outs/') && message.text.includes('termin.ics'),
        ),
      ),
    );
    expect(mail.text).toContain('Ich kann doch nicht');
    const link = /\/drop-outs\/[^\s)\]>]+/.exec(mail.text ?? '')![0];
    const page = await requestPage(`${stack.baseUrl}${link}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ich kann doch nicht');
    // Looking changes nothing (mail scanners open links).
    expect((await matchOf(urls.matchId)).status).toBe('accepted');
  });

  it('should end the match on POST, re-match the request, alert staff and create a call task; a second click is harmless', async () => {
    const urls = await accepted('80331');
    const link = dropOutLink(urls.matchId);

    const done = await post(link, { reason: 'ill', note: '  Grippe,\nleider ' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Danke, dass Sie Bescheid gesagt haben');
    const match = await matchOf(urls.matchId);
    expect(match).toMatchObject({
      status: 'dropped-out',
      endedReason: 'ill',
      endedNote: 'Grippe, leider',
      endedByStaffId: null,
    });
    expect(match.endedAt).toBeInstanceOf(Date);
    const request = await requestOf(urls.requestId);
    expect(request.status).toBe('matching');
    expect(request.matchingRound).toBeGreaterThan(1);
    expect(await kindsAbout(urls.matchId)).toContain('staff-assignment-cancelled');
    const tasks = await stack.dataSource.getRepository(CallTask).findBy({ matchId: urls.matchId });
    expect(tasks.map((task) => task.reason).sort()).toEqual(['match-accepted', 'volunteer-dropped-out']);

    const again = await post(link, { reason: 'other' });
    expect(again.status).toBe(200);
    expect(again.html).toContain('bereits abgesagt');
    expect((await matchOf(urls.matchId)).endedReason).toBe('ill');
    expect(await stack.dataSource.getRepository(CallTask).countBy({ matchId: urls.matchId })).toBe(2);

    // Heute names the request under the drop-outs, and the request page says who and why.
    const today = await consolePage('/console');
    expect(today.status).toBe(200);
    expect(today.html).toContain('Freiwillige haben abgesagt');
    expect(today.html).toContain(`/console/requests/${urls.requestId}`);
    const page = await consolePage(`/console/requests/${urls.requestId}`);
    expect(page.html).toContain('Einsatz nach Zusage abgesagt');
    expect(page.html).toContain('Grippe, leider');
    // The staff email says why.
    const staffMail = await eventually('the staff notice', () =>
      Promise.resolve(smtp.messages.find((message) => message.subject?.includes('hat den Einsatz'))),
    );
    expect(staffMail.text).toContain('krank');
  });

  it('should refuse an old link version and a forged link, and an over-long note, changing nothing', async () => {
    const urls = await accepted('01067');
    const old = await post(dropOutLink(urls.matchId, 2), {});
    expect(old.status).toBe(410);
    expect((await requestPage(dropOutLink(urls.matchId, 2))).status).toBe(410);
    const expired = await post(dropOutLink(urls.matchId, 1, new Date(Date.now() - 1000)), {});
    expect(expired.status).toBe(410);
    const forged = await post(
      `${stack.baseUrl}/drop-outs/drop-out.${urls.matchId}.drop-out.9999999999.1.AAAA`,
      {},
    );
    expect(forged.status).toBe(400);
    const tooLong = await post(dropOutLink(urls.matchId), { note: 'x'.repeat(301) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('höchstens 300 Zeichen');
    expect((await matchOf(urls.matchId)).status).toBe('accepted');
    expect((await requestOf(urls.requestId)).status).toBe('matched');
  });

  it('should let staff record a drop-out in the console (field errors first) and by API', async () => {
    const urls = await accepted('70173');
    const form = await consolePage(`/console/requests/${urls.requestId}/drop-out`);
    expect(form.status).toBe(200);
    const bad = await post(
      `${stack.baseUrl}/console/requests/${urls.requestId}/drop-out`,
      { reason: 'bored' },
      true,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Grund');
    expect((await matchOf(urls.matchId)).status).toBe('accepted');

    const saved = await post(
      `${stack.baseUrl}/console/requests/${urls.requestId}/drop-out`,
      { reason: 'no-time', note: 'hat angerufen' },
      true,
    );
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/console/requests/${urls.requestId}?done=rematched`);
    const match = await matchOf(urls.matchId);
    expect(match).toMatchObject({
      status: 'dropped-out',
      endedReason: 'no-time',
      endedNote: 'hat angerufen',
    });
    expect(match.endedByStaffId).not.toBeNull();
    const audit = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'match.dropped-out' AND entity_id = $1`,
      [urls.matchId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ via: 'staff', before: { status: 'accepted' } });

    // The API: bad input 400 (nothing stored), a match no longer accepted 409.
    const api = await accepted('90402');
    const invalid = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${api.matchId}/drop-out`, {
      token,
      body: { reason: 'bored', note: 'x'.repeat(301) },
    });
    expect(invalid.status).toBe(400);
    expect((await matchOf(api.matchId)).status).toBe('accepted');
    const ok = await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/matches/${api.matchId}/drop-out`, {
      token,
      body: { reason: 'personal' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'dropped-out', endedReason: 'personal' });
    const repeat = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${api.matchId}/drop-out`, {
      token,
      body: { reason: 'personal' },
    });
    expect(repeat.status).toBe(200);
    const notAccepted = await linkPagesFixture(stack, token, { postalCode: '04109' });
    const conflict = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/matches/${notAccepted.matchId}/drop-out`,
      { token, body: { reason: 'ill' } },
    );
    expect(conflict.status).toBe(409);
  });

  it('should store a decline reason and show it to staff on the request page and in the email', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '24103' });
    const decline = `${stack.baseUrl}/offers/${createOfferToken(stack.config.LINK_SECRET, {
      matchId: urls.matchId,
      action: 'decline',
      expiresAt: new Date(Date.now() + 7 * DAY_MS),
      version: 1,
    })}`;
    const page = await requestPage(decline);
    expect(page.html).toContain('Es ist mir zu weit');
    const answered = await post(decline, { reason: 'too-far', note: 'Mit dem Bus 50 Minuten' });
    expect(answered.status).toBe(200);
    expect(await matchOf(urls.matchId)).toMatchObject({
      status: 'declined',
      declineReason: 'too-far',
      declineNote: 'Mit dem Bus 50 Minuten',
    });
    const { requestId } = await matchOf(urls.matchId);
    const staffPage = await consolePage(`/console/requests/${requestId}`);
    expect(staffPage.html).toContain('Anfrage abgelehnt');
    expect(staffPage.html).toContain('zu weit weg');
    const mail = await eventually('the staff decline notice', () =>
      Promise.resolve(smtp.messages.find((message) => message.text?.includes('Mit dem Bus 50 Minuten'))),
    );
    expect(mail.subject).toContain('abgelehnt');
  });

  it('should send no welcome to a volunteer registered active; on deactivation withdraw the offer, refuse the accept and tell them', async () => {
    const urls = await linkPagesFixture(stack, token, {
      postalCode: '30159',
      volunteer: { email: 'wilma.welcome@example.org', locale: 'ar' },
    });
    const status = (value: string) =>
      requestJson(stack.baseUrl, 'PATCH', `/api/staff/volunteers/${urls.volunteerId}/status`, {
        token,
        body: { status: value },
      });
    const welcomes = () =>
      stack.dataSource
        .getRepository(Notification)
        .countBy({ kind: 'volunteer-welcome', subjectId: urls.volunteerId });
    // Registered active through the API: welcomed in person, no email.
    expect(await welcomes()).toBe(0);

    expect((await status('inactive')).status).toBe(200);
    const refused = await requestPage(urls.offerAccept, 'POST');
    expect(refused.status).toBe(409);
    await eventually('the offer withdrawn', async () =>
      (await matchOf(urls.matchId)).status === 'withdrawn' ? true : undefined,
    );
    const told = await eventually('the deactivation email', () =>
      Promise.resolve(smtp.messages.find((message) => message.subject?.includes('لم يعد نشطًا'))),
    );
    expect(told.subject).toContain('لم يعد نشطًا');

    expect((await status('active')).status).toBe(200);
    expect((await status('inactive')).status).toBe(200);
    expect((await status('active')).status).toBe(200);
    expect(await welcomes()).toBe(0);
    const deactivations = await stack.dataSource
      .getRepository(Notification)
      .countBy({ kind: 'volunteer-deactivated', recipient: 'wilma.welcome@example.org' });
    expect(deactivations).toBe(2);
  });

  it('should record and list advisory interviews by API and console, audited; bad input stores nothing', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '65183' });
    const path = `/api/staff/volunteers/${urls.volunteerId}/advisory-interviews`;
    const count = async () =>
      Number(
        (
          await stack.dataSource.query(
            `SELECT count(*) AS n FROM advisory_interview WHERE volunteer_id = $1`,
            [urls.volunteerId],
          )
        )[0].n,
      );
    for (const body of [
      { heldOn: '2999-01-01' },
      { heldOn: '2026-02-30' },
      { heldOn: '2026-11-02', interests: ['no-such-field'] },
      { heldOn: '2026-11-02', motivation: 'x'.repeat(2001) },
      { heldOn: '2026-11-02', adviserStaffId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const refused = await requestJson(stack.baseUrl, 'POST', path, { token, body });
      expect([refused.status, body]).toEqual([400, body]);
    }
    expect(await count()).toBe(0);
    const created = await requestJson(stack.baseUrl, 'POST', `/api/v1${path.slice(4)}`, {
      token,
      body: { heldOn: '2026-11-02', motivation: 'Rente, Zeit', timeBudget: '2 Nachmittage', mobility: 'Rad' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      heldOn: '2026-11-02',
      adviserName: expect.any(String),
      interests: [],
    });
    const listed = await requestJson(stack.baseUrl, 'GET', path, { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    const audited = await stack.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'volunteer.advisory%' ORDER BY id`,
      [urls.volunteerId],
    );
    expect(audited.map((row: { action: string }) => row.action)).toEqual([
      'volunteer.advisory-interview-recorded',
      'volunteer.advisory-interviews-viewed',
    ]);

    // The console: a form with field errors, then the interview on the profile.
    const form = await consolePage(`/console/volunteers/${urls.volunteerId}/advisory-interviews/new`);
    expect(form.status).toBe(200);
    const bad = await post(
      `${stack.baseUrl}/console/volunteers/${urls.volunteerId}/advisory-interviews`,
      { heldOn: 'gestern' },
      true,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('gültiges Datum');
    expect(await count()).toBe(1);
    const saved = await post(
      `${stack.baseUrl}/console/volunteers/${urls.volunteerId}/advisory-interviews`,
      { heldOn: '2026-11-20', nextSteps: 'Hospitation im Seniorentreff' },
      true,
    );
    expect(saved.status).toBe(303);
    const profile = await consolePage(`/console/volunteers/${urls.volunteerId}`);
    expect(profile.html).toContain('Beratungsgespräche');
    expect(profile.html).toContain('Hospitation im Seniorentreff');
    expect(profile.html).toContain('Rente, Zeit');
  });

  it('should register a volunteer in the console: field errors and nothing stored first, then the volunteer with oral consent', async () => {
    const volunteers = () =>
      stack.dataSource.query(`SELECT id FROM volunteer WHERE email = 'neu.person@example.org'`);
    const form = await consolePage('/console/volunteers/new');
    expect(form.status).toBe(200);
    const fields = {
      name: 'Neu Person',
      email: 'neu.person@example.org',
      phone: '040 123456',
      postalCode: '22765',
      maxTravelKm: '3,5',
      availability: 'Mo 09:00-12:00',
      languages: 'de:C2, tr:B1',
      skills: 'shopping',
      birthDate: '1960-05-01',
      locale: 'tr',
      status: 'pending',
      certificateInspectedOn: '2026-11-02',
    };
    const noConsent = await post(`${stack.baseUrl}/console/volunteers/new`, fields, true);
    expect(noConsent.status).toBe(400);
    expect(noConsent.html).toContain('Ohne Einwilligung');
    expect(noConsent.html).toContain('value="Neu Person"');
    const badFields = await post(
      `${stack.baseUrl}/console/volunteers/new`,
      { ...fields, email: 'kein-at', postalCode: '12', languages: 'xx:Z9', consent: 'oral' },
      true,
    );
    expect(badFields.status).toBe(400);
    expect(badFields.html).toContain('name@beispiel.de');
    expect(badFields.html).toContain('Postleitzahl mit 5 Ziffern');
    expect(await volunteers()).toHaveLength(0);

    const saved = await post(`${stack.baseUrl}/console/volunteers/new`, { ...fields, consent: 'oral' }, true);
    expect(saved.status).toBe(303);
    const [{ id }] = await volunteers();
    expect(saved.response.headers.get('location')).toBe(`/console/volunteers/${id}?done=saved`);
    const [row] = await stack.dataSource.query(
      `SELECT v.birth_date::text AS "birthDate", v.languages, v.locale, v.certificate_inspected_on::text AS cert,
              v.email_confirmed_at AS confirmed, c.mode
         FROM volunteer v JOIN consent_record c ON c.subject_id = v.id WHERE v.id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      birthDate: '1960-05-01',
      languages: [
        { code: 'de', level: 'C2' },
        { code: 'tr', level: 'B1' },
      ],
      locale: 'tr',
      cert: '2026-11-02',
      confirmed: null,
      mode: 'oral',
    });
    // Confirmation by email, as online; pending, so no welcome yet. Activated: welcomed once.
    expect(await kindsOf('neu.person@example.org')).toEqual(['volunteer-email-confirmation']);
    await requestJson(stack.baseUrl, 'PATCH', `/api/staff/volunteers/${id}/status`, {
      token,
      body: { status: 'active' },
    });
    await requestJson(stack.baseUrl, 'PATCH', `/api/staff/volunteers/${id}/status`, {
      token,
      body: { status: 'paused' },
    });
    await requestJson(stack.baseUrl, 'PATCH', `/api/staff/volunteers/${id}/status`, {
      token,
      body: { status: 'active' },
    });
    expect((await kindsOf('neu.person@example.org')).sort()).toEqual([
      'volunteer-email-confirmation',
      'volunteer-welcome',
    ]);
    // In the volunteer's language; outside their quiet hours (the default 21–8 may delay it).
    const welcome = await stack.dataSource
      .getRepository(Notification)
      .findOneByOrFail({ kind: 'volunteer-welcome', recipient: 'neu.person@example.org' });
    expect(welcome).toMatchObject({ locale: 'tr', subjectId: id });
  });
});
