import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { HelpRequestNote } from '../../src/help-seekers/help-request-note.entity';
import { Match } from '../../src/matching/match.entity';
import { OfferWithdrawalService } from '../../src/matching/offer-withdrawal.service';
import { RequestClosingService } from '../../src/matching/request-closing.service';
import { Notification } from '../../src/notifications/notification.entity';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { publicHelpRequestBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { acceptAndFindLetter, linkPagesFixture } from '../helpers/link-fixtures';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Closing a request with its outcome (done, cancelled, unfulfilled with a reason, rejected as spam
 * or as a duplicate merged into another request), in the API and the console; open offers end with
 * a polite email to the volunteer, once; bulk release/close per id; requests whose date passed
 * unmatched close as "came too late"; the volunteer's follow-up answer closes in one click.
 */
describe('closing requests with an outcome', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'close@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const requests = () => stack.dataSource.getRepository(HelpRequest);
  const requestOf = (id: string) => requests().findOneByOrFail({ id });
  const matchOf = (id: string) => stack.dataSource.getRepository(Match).findOneByOrFail({ id });

  async function newRequest(postalCode = '22765', overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({ postalCode, ...overrides }),
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const close = (id: string, body: Record<string, unknown>) =>
    requestJson(stack.baseUrl, 'POST', `/api/staff/help-requests/${id}/close`, { token, body });

  async function postForm(path: string, fields: [string, string][], referer?: string) {
    const body = new URLSearchParams([['_csrf', csrf], ...fields]);
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: cookie,
        ...(referer ? { Referer: referer } : {}),
      },
      body,
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  }

  const consolePage = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { Cookie: cookie } });
    return { status: response.status, html: await response.text() };
  };

  const withdrawnMails = (to: string) =>
    smtp.messages.filter(
      (mail) =>
        mail.to && JSON.stringify(mail.to).includes(to) && mail.subject?.startsWith('Nicht mehr nötig'),
    );

  it('should withdraw a sent offer with one polite email, never a second one on retry', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '80331' });
    const { requestId } = await matchOf(urls.matchId);
    await eventually('the offer sent', async () =>
      (await matchOf(urls.matchId)).status === 'offered' ? true : undefined,
    );
    const volunteer = await stack.dataSource.query<{ email: string }[]>(
      `SELECT email FROM volunteer WHERE id = $1`,
      [urls.volunteerId],
    );
    const email = volunteer[0].email;

    const closed = await close(requestId, {
      status: 'unfulfilled',
      reason: 'help-seeker-unreachable',
      note: 'dreimal angerufen',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'unfulfilled',
      closeReason: 'help-seeker-unreachable',
      closeNote: 'dreimal angerufen',
      mergedIntoId: null,
    });
    expect(await matchOf(urls.matchId)).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'request-closed',
    });
    const [mail] = await eventually('the withdrawal email', () => {
      const found = withdrawnMails(email);
      return Promise.resolve(found.length > 0 ? found : undefined);
    });
    expect(mail.text).toContain('inzwischen abgeschlossen');
    // Nothing about the help-seeker: no name, street or phone.
    expect(mail.text).not.toContain('Erika Muster');
    expect(mail.text).not.toContain('Große Bergstraße');
    expect(mail.text).not.toContain('1234567');

    // A second close is refused; a retried withdrawal (the same match again) queues nothing.
    expect((await close(requestId, { status: 'cancelled' })).status).toBe(409);
    const service = stack.api.get(OfferWithdrawalService);
    await stack.dataSource.transaction(async (manager) => {
      await manager.update(Match, urls.matchId, { status: 'offered' });
      const again = await service.withdrawMatches(manager, [urls.matchId], 'request-closed');
      expect(again.withdrawn).toEqual([urls.matchId]);
      expect(again.jobIds).toEqual([]);
    });
    expect(
      await stack.dataSource
        .getRepository(Notification)
        .countBy({ kind: 'volunteer-offer-withdrawn', subjectId: urls.matchId }),
    ).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(withdrawnMails(email)).toHaveLength(1);
  });

  it('should close as done only with how it went, and as cancelled or spam with a note', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '28195' });
    await acceptAndFindLetter(stack, urls);
    const { requestId } = await matchOf(urls.matchId);
    const done = await close(requestId, {
      status: 'done',
      outcome: 'problems',
      note: 'kam 30 Minuten zu spät',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'problems', closeReason: null });
    // Accepted matches stay as history.
    expect((await matchOf(urls.matchId)).status).toBe('accepted');

    const cancelled = await newRequest();
    expect((await close(cancelled, { status: 'cancelled', note: 'Tochter hilft jetzt' })).body).toMatchObject(
      {
        status: 'cancelled',
        closeNote: 'Tochter hilft jetzt',
      },
    );
    const spam = await newRequest();
    expect((await close(spam, { status: 'rejected', reason: 'spam' })).body).toMatchObject({
      status: 'rejected',
      closeReason: 'spam',
    });
    // Done needs a matched request.
    expect((await close(await newRequest(), { status: 'done', outcome: 'went-well' })).status).toBe(409);
  });

  it.each([
    ['an unknown status', { status: 'closed' }, 'status'],
    ['unfulfilled without a reason', { status: 'unfulfilled' }, 'reason'],
    ['a reason of another status', { status: 'unfulfilled', reason: 'spam' }, 'reason'],
    ['a reason for cancelled', { status: 'cancelled', reason: 'nobody-fits' }, 'reason'],
    ['other without a note', { status: 'unfulfilled', reason: 'other' }, 'note'],
    ['a duplicate without the other request', { status: 'rejected', reason: 'duplicate' }, 'mergeInto'],
    ['a malformed other request', { status: 'rejected', reason: 'duplicate', mergeInto: '42' }, 'mergeInto'],
    ['a note too long', { status: 'cancelled', note: 'x'.repeat(2001) }, 'note'],
    ['an unknown field', { status: 'cancelled', why: 'x' }, 'why'],
  ])('should refuse %s with a 400 naming the field, storing nothing', async (_name, body, field) => {
    const id = await newRequest();
    const before = await requestOf(id);
    const refused = await close(id, body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain(field);
    const after = await requestOf(id);
    expect(after).toMatchObject({
      status: before.status,
      closeReason: null,
      closeNote: null,
      closedAt: null,
    });
  });

  it('should merge a duplicate into the other request: notes and help-seeker kept, a timeline entry there', async () => {
    const original = await newRequest();
    const duplicate = await newRequest();
    await stack.dataSource
      .getRepository(HelpRequestNote)
      .save({ requestId: duplicate, staffUserId: null, body: 'Schlüssel beim Nachbarn' });
    const unknown = await close(duplicate, {
      status: 'rejected',
      reason: 'duplicate',
      mergeInto: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('mergeInto');
    expect(
      (await close(duplicate, { status: 'rejected', reason: 'duplicate', mergeInto: duplicate })).status,
    ).toBe(400);
    expect((await requestOf(duplicate)).status).not.toBe('rejected');

    const merged = await close(duplicate, {
      status: 'rejected',
      reason: 'duplicate',
      mergeInto: original,
      note: 'doppelt angerufen',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      status: 'rejected',
      closeReason: 'duplicate',
      mergedIntoId: original,
    });
    const notes = await stack.dataSource.getRepository(HelpRequestNote).findBy({ requestId: original });
    expect(notes.map((note) => note.body)).toContain('Schlüssel beim Nachbarn');
    // The duplicate keeps its help-seeker link (and its notes).
    expect((await requestOf(duplicate)).helpSeekerId).not.toBeNull();
    const page = await consolePage(`/console/requests/${original}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Duplikat ${duplicate} hierher zusammengeführt`);
    const dupPage = await consolePage(`/console/requests/${duplicate}`);
    expect(dupPage.html).toContain(`/console/requests/${original}`);
    expect(dupPage.html).toContain('abgelehnt – Duplikat');
    // A request rejected as duplicate is no target.
    expect(
      (await close(await newRequest(), { status: 'rejected', reason: 'duplicate', mergeInto: duplicate }))
        .status,
    ).toBe(400);
  });

  it('should close from the console form, and show the form again with the problem when input is bad', async () => {
    const id = await newRequest();
    const bad = await postForm(`/console/requests/${id}/close`, [
      ['closing', 'unfulfilled:other'],
      ['note', ''],
    ]);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('aria-invalid="true"');
    expect((await requestOf(id)).closedAt).toBeNull();
    const unknownChoice = await postForm(`/console/requests/${id}/close`, [['closing', 'gone:away']]);
    expect(unknownChoice.status).toBe(400);
    const otherId = await newRequest();
    const duplicate = await postForm(`/console/requests/${id}/close`, [
      ['closing', 'rejected:duplicate'],
      ['mergeInto', `${stack.baseUrl}/console/requests/${otherId}`],
    ]);
    expect(duplicate.status).toBe(303);
    expect(duplicate.location).toBe(`/console/requests/${id}?done=closed`);
    expect(await requestOf(id)).toMatchObject({ status: 'rejected', mergedIntoId: otherId });
    const page = await consolePage(`/console/requests/${id}?done=closed`);
    expect(page.html).toContain('Anfrage abgeschlossen');
    expect(page.html).toContain('Abgeschlossen: abgelehnt – Duplikat');
  });

  it('should apply a bulk action per id: done or refused with why, never half', async () => {
    const open1 = await newRequest();
    const open2 = await newRequest();
    const closedAlready = await newRequest();
    await close(closedAlready, { status: 'cancelled' });
    const unknown = '00000000-0000-4000-8000-000000000001';
    const result = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests/bulk', {
      token,
      body: {
        ids: [open1, closedAlready, unknown, open2],
        action: 'close',
        close: { status: 'unfulfilled', reason: 'nobody-fits' },
      },
    });
    expect(result.status).toBe(200);
    expect(result.body.results).toEqual([
      { id: open1, result: 'done', status: 'unfulfilled' },
      { id: closedAlready, result: 'refused', code: 'conflict', why: 'the request is already cancelled' },
      { id: unknown, result: 'refused', code: 'not-found', why: expect.stringContaining('not found') },
      { id: open2, result: 'done', status: 'unfulfilled' },
    ]);
    expect((await requestOf(closedAlready)).closeReason).toBeNull();

    const release = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests/bulk', {
      token,
      body: { ids: [open1], action: 'release' },
    });
    expect(release.body.results[0]).toMatchObject({ id: open1, result: 'refused', code: 'conflict' });

    for (const body of [
      { ids: ['not-an-id'], action: 'close', close: { status: 'cancelled' } },
      { ids: [], action: 'release' },
      { ids: [open1], action: 'archive' },
      { ids: [open1], action: 'close' },
      { ids: [open1], action: 'close', close: { status: 'unfulfilled' } },
    ]) {
      const refused = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests/bulk', {
        token,
        body,
      });
      expect(refused.status).toBe(400);
    }

    // The console form: several ids, a free-text reason becomes "other" with the text as note.
    const a = await newRequest();
    const b = await newRequest();
    const posted = await postForm(
      '/console/requests/bulk',
      [
        ['ids', a],
        ['ids', b],
        ['ids', closedAlready],
        ['action', 'close'],
        ['outcome', 'unfulfilled'],
        ['reason', 'Termin abgesagt'],
      ],
      `${stack.baseUrl}/console/requests?status=open&done=x`,
    );
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/console/requests?status=open&done=bulk-2-1');
    expect(await requestOf(a)).toMatchObject({
      status: 'unfulfilled',
      closeReason: 'other',
      closeNote: 'Termin abgesagt',
    });
    const notice = await consolePage('/console?done=bulk-2-1');
    expect(notice.html).toContain('Sammelaktion: 2 erledigt, 1 nicht möglich.');
    const badBulk = await postForm('/console/requests/bulk', [
      ['action', 'close'],
      ['outcome', 'unfulfilled'],
    ]);
    expect(badBulk.status).toBe(400);
  });

  it('should close requests whose one-off date passed unmatched as came too late, once, withdrawing offers', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '24103' });
    const { requestId } = await matchOf(urls.matchId);
    await eventually('the offer sent', async () =>
      (await matchOf(urls.matchId)).status === 'offered' ? true : undefined,
    );
    const weekly = await newRequest('24103', {
      schedule: { kind: 'weekly', slots: [{ weekday: 2, start: '10:00', end: '11:00' }] },
    });
    const past = new Date(Date.now() - 2 * 3600_000);
    await stack.dataSource.query(`UPDATE help_request SET starts_at = $2 WHERE id = ANY($1::uuid[])`, [
      [requestId, weekly],
      past,
    ]);
    const closing = stack.api.get(RequestClosingService);
    const [first, second] = await Promise.all([
      closing.closeMissedAppointments(),
      closing.closeMissedAppointments(),
    ]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    expect(await requestOf(requestId)).toMatchObject({ status: 'unfulfilled', closeReason: 'came-too-late' });
    expect((await requestOf(weekly)).status).not.toBe('unfulfilled');
    expect(await matchOf(urls.matchId)).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'request-closed',
    });
    expect(await closing.closeMissedAppointments()).toBe(0);
    expect(
      await stack.dataSource
        .getRepository(Notification)
        .countBy({ kind: 'volunteer-offer-withdrawn', subjectId: urls.matchId }),
    ).toBe(1);
    const audits = await stack.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'help-request.unfulfilled'`,
      [requestId],
    );
    expect(audits[0].n).toBe(1);
  });

  it('should show the follow-up answer in the timeline and close in one click when it went well', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '18055' });
    await acceptAndFindLetter(stack, urls);
    const { requestId } = await matchOf(urls.matchId);
    const answered = await requestPage(urls.followUp, 'POST');
    expect(answered.status).toBe(200);
    const page = await consolePage(`/console/requests/${requestId}`);
    expect(page.html).toContain('hat geklappt');
    expect(page.html).toContain('Abschließen: hat geklappt');
    const clicked = await postForm(`/console/requests/${requestId}/close`, [
      ['closing', 'done:went-well'],
      ['fromFollowUp', 'yes'],
    ]);
    expect(clicked.status).toBe(303);
    expect(await requestOf(requestId)).toMatchObject({ status: 'done', outcome: 'went-well' });
    const after = await consolePage(`/console/requests/${requestId}`);
    expect(after.html).toContain('Abgeschlossen: erledigt – hat geklappt');
    expect(after.html).not.toContain('Abschließen: hat geklappt');
  });
});
