import { ForbiddenException } from '@nestjs/common';
import {
  opportunitySearchSql,
  type OpportunityFilters,
} from '../../src/opportunities/domain/opportunity-search';
import { reviewByDate } from '../../src/opportunities/domain/opportunity-status';
import { OpportunitiesService } from '../../src/opportunities/opportunities.service';
import { PlacementStagesService } from '../../src/placements/placement-stages.service';
import { berlinDateOf } from '../../src/shared/berlin-time';
import { DomainError, NotFoundError } from '../../src/shared/domain-error';
import { csrfTokenFor } from '../../src/web/console/csrf';
import {
  insertOpportunity,
  insertProject,
  insertProvider,
  insertVolunteer,
} from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * Opportunities and projects, staff side: the API (create, check every field, status actions,
 * review-by), the console forms (field errors, nothing stored), the host scope of the service the
 * host page uses, the audit rows, and the list's filters served by their indexes.
 */
describe('opportunities and projects (staff)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;
  let service: OpportunitiesService;
  let hostA: string;
  let hostB: string;
  const today = berlinDateOf(new Date());

  const valid = () => ({
    title: 'Hausaufgabenhilfe am Dienstag',
    description: 'Zwei Helfende für unseren Hausaufgabenclub, Klassen 3 bis 6.',
    fieldsOfActivity: ['BIL'],
    postalCode: '22765',
    timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '15:00', end: '17:00' }] },
    places: 2,
  });
  const count = async (): Promise<number> =>
    Number((await stack.dataSource.query(`SELECT count(*) AS n FROM opportunity`))[0].n);
  const auditOf = async (id: string) =>
    stack.dataSource.query<
      { action: string; details: { before: unknown; after: Record<string, unknown> | null } }[]
    >(`SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(name, item);
      }
    }
    return fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
  };
  const page = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, { role: 'admin' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    service = stack.api.get(OpportunitiesService);
    hostA = (await insertProvider(stack.dataSource, { name: 'Schule am Park' })).id;
    hostB = (await insertProvider(stack.dataSource, { name: 'Tafel Altona' })).id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('creates a draft through the API, located and audited', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/opportunities', {
      token,
      body: {
        ...valid(),
        providerId: hostA,
        languages: ['de', 'tr'],
        hostOffers: ['insurance', 'induction'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      district: expect.any(String),
      postalCode: '22765',
      reviewBy: null,
      hostOffers: ['induction', 'insurance'],
    });
    const audit = await auditOf(created.body.id);
    expect(audit.map((row) => row.action)).toEqual(['opportunity.created']);
    expect(audit[0].details.before).toBeNull();
    expect(audit[0].details.after).toMatchObject({ title: 'Hausaufgabenhilfe am Dienstag' });
    const got = await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/opportunities/${created.body.id}`, {
      token,
    });
    expect(got.body.title).toBe('Hausaufgabenhilfe am Dienstag');
  });

  it('refuses bad input naming each field, and stores nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ title: 'x' }, 'title'],
      [{ places: 0 }, 'places'],
      [{ minimumAge: 12 }, 'minimumAge'],
      [{ minCommitmentMonths: 61 }, 'minCommitmentMonths'],
      [{ languages: ['Deutsch'] }, 'languages'],
      [{ hostOffers: ['cake'] }, 'hostOffers'],
      [{ contactEmail: 'nope' }, 'contactEmail'],
      [{ postalCode: undefined }, 'postalCode'],
      [{ timePattern: { kind: 'flexible' } }, 'timePattern.hoursPerWeek'],
      [
        { timePattern: { kind: 'one-off', date: '2020-01-01', start: '10:00', end: '12:00' } },
        'timePattern.date',
      ],
      [{ fieldsOfActivity: ['NOPE'] }, 'fieldsOfActivity', 'unknown-taxonomy-key'],
      [{ skills: ['juggling-knives'] }, 'skills', 'unknown-taxonomy-key'],
      [{ postalCode: '00000' }, 'postalCode', 'unknown-postal-code'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [change, field, error] of cases) {
      const response = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/opportunities', {
        token,
        body: { ...valid(), providerId: hostA, ...change },
      });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      if (error) {
        expect(response.body.error).toBe(error);
      }
    }
    const otherProject = await insertProject(stack.dataSource, hostB, 'Ausgabe');
    const wrongProject = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/opportunities', {
      token,
      body: { ...valid(), providerId: hostA, projectId: otherProject.id },
    });
    expect(wrongProject.status).toBe(400);
    expect(wrongProject.body.errors[0].field).toBe('projectId');
    expect(await count()).toBe(before);
    // Remote: no place needed, and none kept.
    const remote = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/opportunities', {
      token,
      body: {
        ...valid(),
        providerId: hostA,
        remote: true,
        postalCode: undefined,
        timePattern: { kind: 'flexible', hoursPerMonth: 4 },
      },
    });
    expect(remote.status).toBe(201);
    expect(remote.body).toMatchObject({ remote: true, postalCode: null, district: null });
  });

  it('moves through the statuses; publishing and confirming set the review-by date', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/opportunities', {
      token,
      body: { ...valid(), providerId: hostA },
    });
    const id = created.body.id as string;
    const act = (action: string, note?: string) =>
      requestJson(stack.baseUrl, 'POST', `/api/v1/staff/opportunities/${id}/actions`, {
        token,
        body: { action, ...(note ? { note } : {}) },
      });
    const threeMonths = reviewByDate(today, 3);
    const published = await act('publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', reviewBy: threeMonths });
    expect(published.body.publishedAt).not.toBeNull();
    expect((await act('approve')).status).toBe(409);
    expect((await act('pause', 'Sommerpause')).body).toMatchObject({
      status: 'paused',
      pausedReason: 'staff',
    });
    await stack.dataSource.query(`UPDATE opportunity SET review_by = '2020-01-01' WHERE id = $1`, [id]);
    const confirmed = await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/opportunities/${id}/confirm`, {
      token,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'paused', reviewBy: threeMonths });
    expect((await act('fill')).body.status).toBe('filled');
    expect((await act('draft')).body.status).toBe('draft');
    expect((await act('archive')).body.status).toBe('archived');
    expect((await act('publish')).status).toBe(409);
    expect((await act('sing')).status).toBe(400);
    const audit = await auditOf(id);
    expect(audit.map((row) => row.action)).toEqual([
      'opportunity.created',
      'opportunity.published',
      'opportunity.paused',
      'opportunity.confirmed',
      'opportunity.filled',
      'opportunity.returned-to-draft',
      'opportunity.archived',
    ]);
    expect(audit[2].details).toMatchObject({
      note: 'Sommerpause',
      before: { status: 'published' },
      after: { status: 'paused' },
    });
    const patched = await requestJson(stack.baseUrl, 'PATCH', `/api/v1/staff/opportunities/${id}`, {
      token,
      body: { title: 'Neu' },
    });
    expect(patched.status).toBe(409);
  });

  it('keeps a host to its own provider, sends its submissions to review, and leaves review to staff', async () => {
    const host = { kind: 'host' as const, providerId: hostA };
    // The providerId argument is ignored for a host: it always writes for itself.
    const submitted = await service.create(hostB, valid(), host);
    expect(submitted).toMatchObject({ providerId: hostA, status: 'in-review', submittedBy: 'host' });
    await expect(service.act(submitted.id, 'approve', host)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(service.act(submitted.id, 'archive', host)).rejects.toBeInstanceOf(ForbiddenException);
    const foreign = await insertOpportunity(stack.dataSource, hostB);
    await expect(service.get(foreign.id, host)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.update(foreign.id, { title: 'Gekapert' }, host)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(service.act(foreign.id, 'pause', host)).rejects.toBeInstanceOf(NotFoundError);
    const foreignProject = await insertProject(stack.dataSource, hostB, 'Fremd');
    await expect(service.update(submitted.id, { projectId: foreignProject.id }, host)).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(
      service.updateProject(foreignProject.id, { title: 'Gekapert' }, host),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      (await stack.dataSource.query(`SELECT title FROM opportunity WHERE id = $1`, [foreign.id]))[0].title,
    ).toBe(foreign.title);
    // Staff approve; a host's later change to the published offer goes back to review.
    const approved = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/v1/staff/opportunities/${submitted.id}/actions`,
      {
        token,
        body: { action: 'approve' },
      },
    );
    expect(approved.body.status).toBe('published');
    const changed = await service.update(submitted.id, { places: 3 }, host);
    expect(changed.status).toBe('in-review');
    const rejected = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/v1/staff/opportunities/${submitted.id}/actions`,
      {
        token,
        body: { action: 'reject' },
      },
    );
    expect(rejected.status).toBe(400);
    const sentBack = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/v1/staff/opportunities/${submitted.id}/actions`,
      {
        token,
        body: { action: 'reject', note: 'Bitte die Zeiten genauer angeben.' },
      },
    );
    expect(sentBack.body.status).toBe('draft');
    const hostAudit = await auditOf(submitted.id);
    expect(hostAudit[0]).toMatchObject({ action: 'opportunity.created', details: { by: 'host' } });
  });

  it('keeps projects per provider through the API', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/projects', {
      token,
      body: { providerId: hostA, title: 'Lernhilfe' },
    });
    expect(created.status).toBe(201);
    expect(
      (
        await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/projects', {
          token,
          body: { providerId: hostA, title: 'x' },
        })
      ).status,
    ).toBe(400);
    const listed = await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/projects?providerId=${hostA}`, {
      token,
    });
    expect(listed.body.map((p: { title: string }) => p.title)).toContain('Lernhilfe');
    const patched = await requestJson(stack.baseUrl, 'PATCH', `/api/v1/staff/projects/${created.body.id}`, {
      token,
      body: { title: 'Lernhilfe Altona' },
    });
    expect(patched.body.title).toBe('Lernhilfe Altona');
    const deleted = await requestJson(stack.baseUrl, 'DELETE', `/api/v1/staff/projects/${created.body.id}`, {
      token,
    });
    expect(deleted.status).toBe(204);
    expect((await auditOf(created.body.id)).map((row) => row.action)).toEqual([
      'project.created',
      'project.updated',
      'project.deleted',
    ]);
  });

  it('creates and edits through the console form; invalid input shows field errors and stores nothing', async () => {
    const before = await count();
    const bad = await post('/console/opportunities/new', {
      providerId: hostA,
      title: 'Le',
      description: 'kurz',
      places: '0',
      timeKind: 'weekly',
      weekday1: '2',
      slotStart1: '17:00',
      slotEnd1: '15:00',
      contactEmail: 'nope',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const field of [
      'title',
      'description',
      'places',
      'postalCode',
      'fieldsOfActivity',
      'contactEmail',
    ]) {
      expect(html).toContain(`href="#field-${field}"`);
    }
    expect(html).toContain('href="#field-timePattern-slots-1-end"');
    expect(html).toContain('value="Le"');
    expect(await count()).toBe(before);

    const good = await post('/console/opportunities/new', {
      providerId: hostA,
      title: 'Vorlesen in der Kita',
      description: 'Einmal pro Woche den Kindern in der Kita vorlesen.',
      fieldsOfActivity: ['BIL', 'KJ'],
      postalCode: '22765',
      timeKind: 'flexible',
      hoursPerMonth: '4',
      places: '3',
      languages: 'de, TR',
      hostOffers: ['induction'],
      projectId: 'new',
      newProjectTitle: 'Lesepaten',
      publish: 'yes',
    });
    expect(good.status).toBe(303);
    const location = good.headers.get('location') ?? '';
    const id = /\/console\/opportunities\/([0-9a-f-]{36})/.exec(location)?.[1] as string;
    const [row] = await stack.dataSource.query(
      `SELECT o.status, o.languages, o.time_pattern, p.title AS project FROM opportunity o JOIN project p ON p.id = o.project_id WHERE o.id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      status: 'published',
      languages: ['de', 'tr'],
      project: 'Lesepaten',
      time_pattern: { kind: 'flexible', hoursPerMonth: 4 },
    });

    const volunteer = await insertVolunteer(stack.dataSource, { name: 'Vera Vorleserin' });
    await stack.api
      .get(PlacementStagesService)
      .open({ volunteerId: volunteer.id, opportunityId: id, source: 'staff' });
    const detail = await page(`/console/opportunities/${id}`);
    expect(detail.status).toBe(200);
    const detailHtml = await detail.text();
    expect(detailHtml).toContain('Vera Vorleserin');
    expect(detailHtml).toContain(`/console/opportunities/${id}/volunteers`);
    expect(detailHtml).toContain(`/console/catalogue?opportunity=${id}`);

    const edited = await post(`/console/opportunities/${id}/edit`, {
      title: 'Vorlesen in der Kita Sonnenschein',
      description: 'Einmal pro Woche den Kindern in der Kita vorlesen.',
      fieldsOfActivity: 'BIL',
      remote: 'yes',
      timeKind: 'one-off',
      date: '2099-06-12',
      start: '14:00',
      end: '18:00',
      places: '3',
    });
    expect(edited.status).toBe(303);
    const [after] = await stack.dataSource.query(
      `SELECT title, remote, postal_code, project_id FROM opportunity WHERE id = $1`,
      [id],
    );
    expect(after).toMatchObject({
      title: 'Vorlesen in der Kita Sonnenschein',
      remote: true,
      postal_code: null,
      project_id: null,
    });

    const paused = await post(`/console/opportunities/${id}/actions`, { action: 'pause', note: 'Ferien' });
    expect(paused.status).toBe(303);
    const wrong = await post(`/console/opportunities/${id}/actions`, { action: 'approve' });
    expect(wrong.status).toBe(409);
    const provider = await (await page(`/console/providers/${hostA}`)).text();
    expect(provider).toContain('Vorlesen in der Kita Sonnenschein');
    expect(provider).toContain(`/console/opportunities/new?provider=${hostA}`);
  });

  it('lists with filters and names an unknown value', async () => {
    const list = await page('/console/opportunities?field=BIL');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Hausaufgabenhilfe am Dienstag');
    expect(html).not.toContain('Spielenachmittag');
    const unknown = await page('/console/opportunities?status=sleeping');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('sleeping');
    const api = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/opportunities?status=in-review', {
      token,
    });
    expect(api.status).toBe(200);
    expect(api.body.items.every((item: { status: string }) => item.status === 'in-review')).toBe(true);
    const overdue = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/opportunities?overdue=true', {
      token,
    });
    expect(overdue.body.items.every((item: { reviewBy: string }) => item.reviewBy < today)).toBe(true);
    expect(
      (await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/opportunities?field=NOPE', { token })).status,
    ).toBe(400);
  });

  it('serves the main filters from their indexes', async () => {
    await stack.dataSource.query(
      `INSERT INTO opportunity (provider_id, title, description, fields_of_activity, postal_code, latitude, longitude, district, time_pattern, status, review_by)
       SELECT $1, 'Angebot ' || i, 'Beschreibung Nummer ' || i, ARRAY[CASE WHEN i % 100 = 0 THEN 'UMW' ELSE 'KUL' END], '22765', 53.55, 9.93, 'D' || (i % 40),
              '{"kind":"weekly","slots":[{"weekday":2,"start":"15:00","end":"17:00"}]}', (ARRAY['draft','published','paused','archived'])[1 + i % 4], CURRENT_DATE + (i % 300) - 3
         FROM generate_series(1, 3000) i`,
      [hostB],
    );
    await stack.dataSource.query('ANALYZE opportunity; ANALYZE provider');
    const base: OpportunityFilters = {
      status: 'all',
      field: null,
      district: null,
      providerId: null,
      q: null,
      overdue: false,
      page: 0,
    };
    const cases: [Partial<OpportunityFilters>, RegExp][] = [
      [{ status: 'published' }, /opportunity_(status_)?created_idx/],
      [{ status: 'current' }, /opportunity_(status_)?created_idx/],
      [{ field: 'UMW' }, /opportunity_fields_idx/],
      [{ district: 'D7' }, /opportunity_district_idx/],
      [{ overdue: true }, /opportunity_review_by_idx/],
      [{ q: 'Nummer 42' }, /opportunity_text_trgm/],
      [{ providerId: hostA }, /opportunity_provider_idx/],
    ];
    const plans = await stack.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      const out: string[] = [];
      for (const [filters] of cases) {
        const { sql, params } = opportunitySearchSql({ ...base, ...filters }, today);
        out.push(
          (await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params))
            .map((row) => row['QUERY PLAN'])
            .join('\n'),
        );
      }
      return out;
    });
    cases.forEach(([filters, index], i) =>
      expect({ filters, plan: plans[i] }).toEqual({ filters, plan: expect.stringMatching(index) }),
    );
  });
});
