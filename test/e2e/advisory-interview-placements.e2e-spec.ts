import { csrfTokenFor } from '../../src/web/console/csrf';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The advisory interview and the placements it led to: API and console form record the interview
 * and open an "advised" placement per chosen opportunity, linked, in one transaction; a repeat
 * links instead of duplicating; unknown or unpublished opportunities are refused with nothing stored.
 */
describe('advisory interview → placements', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let csrf: string;
  let first: string;
  let second: string;
  let draft: string;
  let volunteerId: string;
  let otherVolunteerId: string;

  const api = (method: string, path: string, body?: unknown) =>
    requestJson(stack.baseUrl, method, `/api/v1/staff${path}`, { token, body });
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await stack.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);
  const post = async (path: string, fields: [string, string][]) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: `nahbar_staff=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
  const page = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` } });
    return { status: response.status, html: await response.text() };
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Bea Beratung',
      email: 'bea.interview@agency.test',
      role: 'admin',
    });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const provider = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    first = (await insertOpportunity(stack.dataSource, provider.id, { title: 'Spielenachmittag' })).id;
    second = (await insertOpportunity(stack.dataSource, provider.id, { title: 'Vorlesen im Heim' })).id;
    draft = (
      await insertOpportunity(stack.dataSource, provider.id, { title: 'Noch Entwurf', status: 'draft' })
    ).id;
    volunteerId = (await insertVolunteer(stack.dataSource, { name: 'Ines Interview' })).id;
    otherVolunteerId = (await insertVolunteer(stack.dataSource, { name: 'Olaf Ohne' })).id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('records the interview with two opportunities: two advised placements linked to it; a repeat duplicates nothing', async () => {
    const path = `/volunteers/${volunteerId}/advisory-interviews`;
    const recorded = await api('POST', path, { heldOn: '2026-12-01', opportunityIds: [first, second] });
    expect(recorded.status).toBe(201);
    expect(recorded.body.placements).toHaveLength(2);
    for (const placement of recorded.body.placements) {
      expect(placement).toMatchObject({
        stage: 'advised',
        created: true,
        advisoryInterviewId: recorded.body.id,
      });
    }
    expect(
      recorded.body.placements.map((p: { opportunityTitle: string }) => p.opportunityTitle).sort(),
    ).toEqual(['Spielenachmittag', 'Vorlesen im Heim']);
    expect(
      await count(`placement WHERE volunteer_id = $1 AND advisory_interview_id = $2 AND stage = 'advised'`, [
        volunteerId,
        recorded.body.id,
      ]),
    ).toBe(2);

    const again = await api('POST', path, { heldOn: '2026-12-02', opportunityIds: [first, first, second] });
    expect(again.status).toBe(201);
    expect(again.body.placements.map((p: { created: boolean }) => p.created)).toEqual([false, false]);
    expect(again.body.placements.map((p: { id: string }) => p.id).sort()).toEqual(
      recorded.body.placements.map((p: { id: string }) => p.id).sort(),
    );
    expect(await count(`placement WHERE volunteer_id = $1`, [volunteerId])).toBe(2);
    expect(await count(`advisory_interview WHERE volunteer_id = $1`, [volunteerId])).toBe(2);

    // An open placement without an interview gets linked to the next one.
    await stack.dataSource.query(
      `UPDATE placement SET advisory_interview_id = NULL WHERE opportunity_id = $1`,
      [first],
    );
    const linked = await api('POST', path, { heldOn: '2026-12-03', opportunityIds: [first] });
    expect(linked.body.placements[0]).toMatchObject({ created: false, advisoryInterviewId: linked.body.id });
  });

  it('records an interview that led to nothing; it still counts', async () => {
    const before = await count('placement');
    const recorded = await api('POST', `/volunteers/${otherVolunteerId}/advisory-interviews`, {
      heldOn: '2026-12-01',
      opportunityIds: [],
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.placements).toEqual([]);
    expect(await count('placement')).toBe(before);
    expect(await count('advisory_interview WHERE volunteer_id = $1', [otherVolunteerId])).toBe(1);
  });

  it('refuses bad, unknown and unpublished opportunity ids with field errors and stores nothing', async () => {
    const path = `/volunteers/${otherVolunteerId}/advisory-interviews`;
    const interviews = await count('advisory_interview');
    const placements = await count('placement');
    for (const opportunityIds of [
      ['not-a-uuid'],
      'just-a-string',
      ['00000000-0000-4000-8000-000000000000'],
      [first, draft],
      Array.from({ length: 21 }, () => first),
    ]) {
      const refused = await api('POST', path, { heldOn: '2026-12-01', opportunityIds });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('opportunityIds');
    }
    expect(await count('advisory_interview')).toBe(interviews);
    expect(await count('placement')).toBe(placements);
  });

  it('console form: lists fits, records with a chosen opportunity, shows "led to" and the catalogue link; bad ids re-show the form', async () => {
    const form = await page(`/console/volunteers/${otherVolunteerId}/advisory-interviews/new?q=Vorlesen`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="opportunityIds"');
    expect(form.html).toContain('Vorlesen im Heim');

    const interviews = await count('advisory_interview');
    const bad = await post(`/console/volunteers/${otherVolunteerId}/advisory-interviews`, [
      ['heldOn', '2026-12-01'],
      ['opportunityIds', draft],
    ]);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('published');
    expect(await count('advisory_interview')).toBe(interviews);

    const saved = await post(`/console/volunteers/${otherVolunteerId}/advisory-interviews`, [
      ['heldOn', '2026-12-01'],
      ['opportunityIds', second],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/#interview-[0-9a-f-]{36}$/);
    const profile = await page(`/console/volunteers/${otherVolunteerId}`);
    expect(profile.html).toContain('Führte zu:');
    expect(profile.html).toContain(`/console/catalogue?volunteer=${otherVolunteerId}&amp;ids=${second}`);
    const [placement] = await stack.dataSource.query<{ id: string; advisory_interview_id: string }[]>(
      `SELECT id, advisory_interview_id FROM placement WHERE volunteer_id = $1 AND opportunity_id = $2`,
      [otherVolunteerId, second],
    );
    expect(placement.advisory_interview_id).not.toBeNull();
    const detail = await page(`/console/placements/${placement.id}`);
    expect(detail.html).toContain(`#interview-${placement.advisory_interview_id}`);
    const catalogue = await page(`/console/catalogue?volunteer=${otherVolunteerId}&ids=${second}`);
    expect(catalogue.status).toBe(200);
    expect(catalogue.html).toContain('Vorlesen im Heim');
  });
});
