import { OpportunityFitService } from '../../src/fit/opportunity-fit.service';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Opportunity fit both ways: the staff API ranks and explains, excludes by the engine's hard rules
 * and lists open placements apart; the console pages propose (placements at "advised" and
 * "proposed") and print the catalogue (audited for a person); the retrieval plans use the indexes.
 */
describe('opportunity fit: API, console pages, catalogue', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let csrf: string;
  const opp: Record<string, string> = {};
  let volunteerId: string;
  let secondVolunteerId: string;

  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });
  const post = (path: string, fields: [string, string][]) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: `nahbar_staff=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['_csrf', csrf], ...fields]),
      redirect: 'manual',
    });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Fiete Fit',
      email: 'fiete.fit@agency.test',
    });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const db = stack.dataSource;
    const provider = await insertProvider(db);
    opp.near = (await insertOpportunity(db, provider.id, { title: 'Spielenachmittag Ottensen' })).id;
    opp.youth = (
      await insertOpportunity(db, provider.id, {
        title: 'Hausaufgabenhilfe',
        fieldsOfActivity: ['KJ'],
        forNewcomers: false,
      })
    ).id;
    opp.remote = (
      await insertOpportunity(db, provider.id, {
        title: 'Telefonpatenschaft',
        remote: true,
        postalCode: null,
        latitude: null,
        longitude: null,
        district: null,
        streetAddress: null,
        timePattern: { kind: 'flexible', hoursPerWeek: 2 },
      })
    ).id;
    opp.certificate = (
      await insertOpportunity(db, provider.id, { title: 'Kita-Vorlesen', requiresCertificate: true })
    ).id;
    opp.far = (
      await insertOpportunity(db, provider.id, {
        title: 'Gartenprojekt Bergedorf',
        postalCode: '21029',
        latitude: 53.4893,
        longitude: 10.2159,
        district: 'Bergedorf',
      })
    ).id;
    opp.draft = (await insertOpportunity(db, provider.id, { title: 'Entwurf', status: 'draft' })).id;
    volunteerId = (await insertVolunteer(db, { name: 'Vera Vorschlag' })).id;
    secondVolunteerId = (await insertVolunteer(db, { name: 'Otto Ottensen', interests: ['KJ'] })).id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('ranks the opportunities that fit a volunteer, explained, with the excluded counted', async () => {
    const { status, body } = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/volunteers/${volunteerId}/opportunity-fit`,
      {
        token,
      },
    );
    expect(status).toBe(200);
    const titles = body.ranked.map((r: { opportunity: { title: string } }) => r.opportunity.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Spielenachmittag Ottensen', 'Hausaufgabenhilfe', 'Telefonpatenschaft']),
    );
    expect(titles).not.toContain('Kita-Vorlesen');
    expect(titles).not.toContain('Gartenprojekt Bergedorf');
    expect(titles).not.toContain('Entwurf');
    expect(titles.indexOf('Spielenachmittag Ottensen')).toBeLessThan(titles.indexOf('Hausaufgabenhilfe'));
    const remote = body.ranked.find((r: { opportunity: { id: string } }) => r.opportunity.id === opp.remote);
    expect(remote.fit.distanceKm).toBeNull();
    expect(remote.fit.breakdown.distance.explanation).toEqual({ de: 'ortsunabhängig', en: 'remote' });
    const near = body.ranked.find((r: { opportunity: { id: string } }) => r.opportunity.id === opp.near);
    expect(near.fit.breakdown.interests.explanation.de).toContain('Tätigkeitsfeld');
    expect(body.exclusionCounts['certificate-missing']).toBe(1);
    expect(body.exclusionCounts['outside-radius']).toBe(1);
  });

  it('answers bad input with 4xx', async () => {
    const base = `/api/v1/staff/volunteers/${volunteerId}/opportunity-fit`;
    expect((await requestJson(stack.baseUrl, 'GET', `${base}?field=NOPE`, { token })).status).toBe(400);
    expect((await requestJson(stack.baseUrl, 'GET', `${base}?limit=0`, { token })).status).toBe(400);
    expect((await requestJson(stack.baseUrl, 'GET', `${base}?limit=abc`, { token })).status).toBe(400);
    expect(
      (
        await requestJson(
          stack.baseUrl,
          'GET',
          `/api/v1/staff/volunteers/00000000-0000-4000-8000-000000000000/opportunity-fit`,
          { token },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/opportunities/${opp.draft}/volunteer-fit`, {
          token,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/opportunities/not-a-uuid/volunteer-fit`, {
          token,
        })
      ).status,
    ).toBe(400);
    expect((await requestJson(stack.baseUrl, 'GET', `${base}`)).status).toBe(401);
  });

  it('filters by field of activity', async () => {
    const { body } = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/volunteers/${volunteerId}/opportunity-fit?field=KJ`,
      {
        token,
      },
    );
    expect(body.ranked.map((r: { opportunity: { id: string } }) => r.opportunity.id)).toEqual([opp.youth]);
  });

  it('ranks the volunteers who fit an opportunity', async () => {
    const { status, body } = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/opportunities/${opp.youth}/volunteer-fit`,
      {
        token,
      },
    );
    expect(status).toBe(200);
    expect(body.ranked.map((r: { volunteer: { id: string } }) => r.volunteer.id)).toEqual([
      secondVolunteerId,
      volunteerId,
    ]);
    expect(body.opportunity.openPlaces).toBe(2);
  });

  it('shows the volunteer page; "Vorschlagen" opens placements at advised, listed apart afterwards', async () => {
    const page = await get(`/console/volunteers/${volunteerId}/opportunities`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Spielenachmittag Ottensen');
    expect(html).toContain('Warum nicht?');
    expect(html).toContain('ortsunabhängig');

    const empty = await post(`/console/volunteers/${volunteerId}/opportunities`, [['intent', 'propose']]);
    expect(empty.status).toBe(400);
    const draft = await post(`/console/volunteers/${volunteerId}/opportunities`, [
      ['intent', 'propose'],
      ['ids', opp.draft],
    ]);
    expect(draft.status).toBe(400);
    expect(await draft.text()).toContain('nicht veröffentlicht');

    const proposed = await post(`/console/volunteers/${volunteerId}/opportunities`, [
      ['intent', 'propose'],
      ['ids', opp.near],
      ['ids', opp.remote],
    ]);
    expect(proposed.status).toBe(303);
    const rows = await stack.dataSource.query(
      `SELECT opportunity_id, stage, source FROM placement WHERE volunteer_id = $1 ORDER BY opportunity_id`,
      [volunteerId],
    );
    expect(rows).toHaveLength(2);
    expect(
      rows.every((r: { stage: string; source: string }) => r.stage === 'advised' && r.source === 'staff'),
    ).toBe(true);

    const { body } = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/volunteers/${volunteerId}/opportunity-fit`,
      { token },
    );
    const ranked = body.ranked.map((r: { opportunity: { id: string } }) => r.opportunity.id);
    expect(ranked).not.toContain(opp.near);
    expect(body.inPlacement.map((r: { opportunity: { id: string } }) => r.opportunity.id).sort()).toEqual(
      [opp.near, opp.remote].sort(),
    );
    const after = await (await get(`/console/volunteers/${volunteerId}/opportunities`)).text();
    expect(after).toContain('Bereits in Vermittlung');
  });

  it('the opportunity page proposes volunteers at "proposed"', async () => {
    const page = await get(`/console/opportunities/${opp.youth}/volunteers`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Otto Ottensen');
    const response = await post(`/console/opportunities/${opp.youth}/volunteers`, [
      ['intent', 'propose'],
      ['ids', secondVolunteerId],
    ]);
    expect(response.status).toBe(303);
    const [row] = await stack.dataSource.query(
      `SELECT stage, proposed_at FROM placement WHERE volunteer_id = $1 AND opportunity_id = $2`,
      [secondVolunteerId, opp.youth],
    );
    expect(row.stage).toBe('proposed');
    expect(row.proposed_at).not.toBeNull();
  });

  it('prints the catalogue for a person (audited), for a field, for one opportunity and as a whole', async () => {
    const redirect = await post(`/console/volunteers/${volunteerId}/opportunities`, [
      ['intent', 'catalogue'],
      ['ids', opp.youth],
    ]);
    expect(redirect.status).toBe(303);
    const location = redirect.headers.get('location')!;
    expect(location).toBe(`/console/catalogue?volunteer=${volunteerId}&ids=${opp.youth}`);
    const personal = await get(location);
    const html = await personal.text();
    expect(personal.status).toBe(200);
    expect(html).toContain('Guten Tag Vera Vorschlag');
    expect(html).toContain('Hausaufgabenhilfe');
    expect(html).toContain('Einarbeitung');
    expect(html).toContain('@media print');
    const audits = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'fit.catalogue-printed' AND entity_id = $1`,
      [volunteerId],
    );
    expect(audits).toHaveLength(1);

    const whole = await (await get('/console/catalogue')).text();
    expect(whole).toContain('Spielenachmittag Ottensen');
    expect(whole).not.toContain('Entwurf');
    const field = await (await get('/console/catalogue?field=KJ')).text();
    expect(field).toContain('Hausaufgabenhilfe');
    expect(field).not.toContain('Spielenachmittag Ottensen');
    const one = await (await get(`/console/catalogue?opportunity=${opp.remote}`)).text();
    expect(one).toContain('Telefonpatenschaft');
    expect((await get('/console/catalogue?field=NOPE')).status).toBe(400);
    expect((await get(`/console/catalogue?volunteer=${volunteerId}`)).status).toBe(400);
    expect((await get(`/console/catalogue?volunteer=${volunteerId}&ids=x`)).status).toBe(400);
  });

  it('retrieves candidates through the indexes', async () => {
    const service = stack.api.get(OpportunityFitService);
    const queries = await service.retrievalQueries(volunteerId, opp.near);
    const runner = stack.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // A handful of rows would be read sequentially; what matters is that the walks can use the indexes.
      await runner.query('SET LOCAL enable_seqscan = off');
      const plans: string[] = [];
      for (const query of queries) {
        const rows = await runner.query(`EXPLAIN ${query.sql}`, query.parameters);
        plans.push(rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n'));
      }
      // The multi-column lexeme indexes (migration 1795630000000) lead with the place and serve the plain walk too.
      expect(plans[0]).toMatch(/opportunity_published_(location|near_fields)_gist/);
      expect(plans[1]).toMatch(/volunteer_active_(location|near_lexemes)_gist/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
