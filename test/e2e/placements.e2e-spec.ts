import { csrfTokenFor } from '../../src/web/console/csrf';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Placements on the staff side: the API (list with filters, one with its timeline, open, move, note),
 * bad input answered 4xx with nothing stored, the opportunity filled and published again as
 * placements start and end, the board with its stuck marks and filters, the placement page and its
 * forms, and the volunteer profile's section.
 */
describe('placements: staff API, board and placement page', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let csrf: string;
  let providerId: string;
  let opportunityId: string;
  let otherOpportunityId: string;
  const volunteers: Record<string, { id: string; name: string }> = {};

  const api = (method: string, path: string, body?: unknown) =>
    requestJson(stack.baseUrl, method, `/api/v1/staff${path}`, { token, body });
  const page = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      headers: { cookie: `nahbar_staff=${token}` },
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  };
  const post = async (path: string, fields: Record<string, string>) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: `nahbar_staff=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await stack.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Pia Platzierung',
      email: 'pia.placements@agency.test',
      role: 'admin',
    });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const provider = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    providerId = provider.id;
    opportunityId = (
      await insertOpportunity(stack.dataSource, provider.id, { title: 'Spielenachmittag', places: 1 })
    ).id;
    const other = await insertProvider(stack.dataSource, { name: 'Hausaufgabenhilfe Altona' });
    otherOpportunityId = (
      await insertOpportunity(stack.dataSource, other.id, { title: 'Hausaufgaben', places: 2 })
    ).id;
    for (const name of ['Ayşe Yılmaz', 'Bruno Berg', 'Clara Chen']) {
      const volunteer = await insertVolunteer(stack.dataSource, { name });
      volunteers[name.split(' ')[0].toLowerCase()] = { id: volunteer.id, name };
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('opens placements through the API, once per volunteer and opportunity, and refuses bad input', async () => {
    const opened = await api('POST', '/placements', {
      volunteerId: volunteers.ayşe.id,
      opportunityId,
      stage: 'advised',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.created).toBe(true);
    const again = await api('POST', '/placements', { volunteerId: volunteers.ayşe.id, opportunityId });
    expect(again.body).toEqual({ id: opened.body.id, created: false });

    const before = await count('placement');
    for (const [body, field] of [
      [{ volunteerId: 'nope', opportunityId }, 'volunteerId'],
      [{ volunteerId: volunteers.bruno.id, opportunityId, stage: 'started' }, 'stage'],
      [
        { volunteerId: volunteers.bruno.id, opportunityId, advisoryInterviewId: opened.body.id },
        'advisoryInterviewId',
      ],
    ] as const) {
      const refused = await api('POST', '/placements', body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const unknown = await api('POST', '/placements', {
      volunteerId: volunteers.bruno.id,
      opportunityId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(await count('placement')).toBe(before);
    expect((await api('GET', '/placements?stage=sideways')).status).toBe(400);
    expect((await api('GET', '/placements/not-a-uuid')).status).toBe(400);
  });

  it('moves a placement by the rules, fills the opportunity when its places are taken and reopens it when one ends', async () => {
    const [placement] = (await api('GET', `/placements?volunteerId=${volunteers.ayşe.id}`)).body;
    expect(placement).toMatchObject({
      stage: 'advised',
      opportunityTitle: 'Spielenachmittag',
      providerName: 'Seniorentreff Ottensen',
    });
    const back = await api('POST', `/placements/${placement.id}/stage`, { stage: 'interested' });
    expect(back.status).toBe(409);
    const noReason = await api('POST', `/placements/${placement.id}/stage`, { stage: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');

    const started = await api('POST', `/placements/${placement.id}/stage`, { stage: 'started' });
    expect(started.status).toBe(200);
    expect(started.body.stage).toBe('started');
    expect(started.body.followUpDueAt).not.toBeNull();
    const status = async () =>
      (
        await stack.dataSource.query<{ status: string }[]>(`SELECT status FROM opportunity WHERE id = $1`, [
          opportunityId,
        ])
      )[0].status;
    expect(await status()).toBe('filled');

    const note = await api('POST', `/placements/${placement.id}/notes`, {
      note: 'Erster Nachmittag lief gut.',
    });
    expect(note.status).toBe(201);
    const ended = await api('POST', `/placements/${placement.id}/stage`, {
      stage: 'ended',
      reason: 'moved-away',
    });
    expect(ended.status).toBe(200);
    expect(await status()).toBe('published');
    expect(
      ended.body.timeline.map(
        (entry: { kind: string; toStage: string | null }) => `${entry.kind}:${entry.toStage ?? ''}`,
      ),
    ).toEqual(['stage:advised', 'stage:started', 'note:', 'stage:ended']);
    expect(ended.body.timeline[1].staffName).toBe('Pia Platzierung');
    expect(
      await count(
        `audit_log WHERE action IN ('placement.moved', 'placement.noted', 'placement.opportunity-filled', 'placement.opportunity-reopened')`,
      ),
    ).toBe(5);
  });

  it('shows the board by stage with stuck cards marked, filters, and says unknown filter values', async () => {
    const bruno = await api('POST', '/placements', {
      volunteerId: volunteers.bruno.id,
      opportunityId: otherOpportunityId,
      stage: 'proposed',
    });
    await api('POST', '/placements', {
      volunteerId: volunteers.clara.id,
      opportunityId,
      stage: 'interested',
    });
    // Bruno waits at "proposed" for 30 days: longer than the default 10.
    await stack.dataSource.query(
      `UPDATE placement SET stage_changed_at = now() - interval '30 days' WHERE id = $1`,
      [bruno.body.id],
    );
    const board = await page('/console/placements');
    expect(board.status).toBe(200);
    expect(board.html).toContain('Bruno Berg');
    expect(board.html).toContain('Clara Chen');
    expect(board.html).toMatch(/placement-card stuck[\s\S]*Bruno Berg/);
    expect(board.html).not.toContain('Ayşe Yılmaz');

    const stuck = await page('/console/placements?stuck=1');
    expect(stuck.html).toContain('Bruno Berg');
    expect(stuck.html).not.toContain('Clara Chen');
    const byHost = await page(`/console/placements?provider=${providerId}`);
    expect(byHost.html).toContain('Clara Chen');
    expect(byHost.html).not.toContain('>Bruno Berg<');
    expect((await page('/console/placements?opportunity=abc')).status).toBe(400);

    const stuckApi = await api('GET', '/placements?stuck=true');
    expect(stuckApi.body.map((placement: { volunteerName: string }) => placement.volunteerName)).toEqual([
      'Bruno Berg',
    ]);
  });

  it('moves, declines and notes on the placement page, and lists placements on the volunteer profile', async () => {
    const [clara] = (await api('GET', `/placements?volunteerId=${volunteers.clara.id}`)).body;
    const detail = await page(`/console/placements/${clara.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain('Clara Chen');
    const moved = await post(`/console/placements/${clara.id}/stage`, { stage: 'proposed' });
    expect(moved.status).toBe(303);
    const noReason = await post(`/console/placements/${clara.id}/stage`, { stage: 'declined' });
    expect(noReason.status).toBe(400);
    const noted = await post(`/console/placements/${clara.id}/notes`, { note: 'Ruft Donnerstag zurück.' });
    expect(noted.status).toBe(303);
    const emptyNote = await post(`/console/placements/${clara.id}/notes`, { note: '' });
    expect(emptyNote.status).toBe(400);
    const declined = await post(`/console/placements/${clara.id}/stage`, {
      stage: 'declined',
      reason: 'no-time',
    });
    expect(declined.status).toBe(303);
    const after = await page(`/console/placements/${clara.id}?done=moved`);
    expect(after.html).toContain('Ruft Donnerstag zurück.');
    expect(after.html).toContain('Keine Zeit mehr');

    const profile = await page(`/console/volunteers/${volunteers.clara.id}`);
    expect(profile.html).toContain('id="volunteer-placements"');
    expect(profile.html).toContain(`/console/placements/${clara.id}`);
    const form = await page(`/console/volunteers/${volunteers.clara.id}/placements/new`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Hausaufgaben');
    const opened = await post(`/console/volunteers/${volunteers.clara.id}/placements`, {
      opportunityId: otherOpportunityId,
      stage: 'advised',
    });
    expect(opened.status).toBe(303);
    const bad = await post(`/console/volunteers/${volunteers.clara.id}/placements`, { opportunityId: 'x' });
    expect(bad.status).toBe(400);
    expect(await count(`placement WHERE volunteer_id = $1`, [volunteers.clara.id])).toBe(2);
  });

  it('lists stuck placements and opportunities past review on Heute', async () => {
    await insertOpportunity(stack.dataSource, providerId, {
      title: 'Lesepaten gesucht',
      reviewBy: new Date(Date.now() - 5 * 24 * 3600_000).toISOString().slice(0, 10),
    });
    const today = await page('/console');
    expect(today.status).toBe(200);
    const stuck = /id="section-placementsStuck"[\s\S]*?<\/section>/.exec(today.html)?.[0] ?? '';
    expect(stuck).toContain('Bruno Berg');
    expect(stuck).not.toContain('Clara Chen');
    const pastReview = /id="section-opportunitiesPastReview"[\s\S]*?<\/section>/.exec(today.html)?.[0] ?? '';
    expect(pastReview).toContain('Lesepaten gesucht');
    expect(pastReview).not.toContain('Spielenachmittag');
  });

  it('reads and changes the placement settings by API and page, refusing bad values', async () => {
    const read = await api('GET', '/settings/placements');
    expect(read.status).toBe(200);
    expect(read.body.followUpWeeks).toBe(10);
    const bad = await api('PATCH', '/settings/placements', { followUpWeeks: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('followUpWeeks');
    const changed = await api('PATCH', '/settings/placements', { stuckAfterDays: { proposed: 40 } });
    expect(changed.status).toBe(200);
    expect(changed.body.stuckAfterDays.proposed).toBe(40);
    // Bruno waits 30 days at "proposed": no longer stuck.
    expect((await api('GET', '/placements?stuck=true')).body).toEqual([]);

    const form = await page('/console/settings/placements');
    expect(form.status).toBe(200);
    const fields = {
      'stuckAfterDays.interested': '7',
      'stuckAfterDays.advised': '7',
      'stuckAfterDays.proposed': '12',
      'stuckAfterDays.host-contacted': '14',
      'stuckAfterDays.trial': '21',
      followUpWeeks: '8',
      hostReminderDays: '7',
      reviewIntervalMonths: '3',
      reviewReminderDays: '14',
      reviewHostSubmissions: '1',
    };
    const refused = await post('/console/settings/placements', { ...fields, followUpWeeks: 'zehn' });
    expect(refused.status).toBe(400);
    expect((await api('GET', '/settings/placements')).body.followUpWeeks).toBe(10);
    const saved = await post('/console/settings/placements', fields);
    expect(saved.status).toBe(303);
    expect((await api('GET', '/settings/placements')).body).toMatchObject({
      followUpWeeks: 8,
      stuckAfterDays: { proposed: 12 },
    });
    expect(await count(`audit_log WHERE action = 'settings.placements-updated'`)).toBe(2);
  });
});
