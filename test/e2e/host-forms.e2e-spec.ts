import { Notification } from '../../src/notifications/notification.entity';
import { Opportunity } from '../../src/opportunities/opportunity.entity';
import { Project } from '../../src/opportunities/project.entity';
import { Provider } from '../../src/providers/provider.entity';
import { PlacementSettingsService } from '../../src/settings/placement-settings.service';
import type { AuthenticatedStaff } from '../../src/staff/staff-auth.service';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { hostPageToken } from '../../src/web/host/host-links';
import { insertOpportunity, insertProject, insertProvider } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * The host page's own forms (docs/hosts.md): a host creates and edits its projects and
 * opportunities through OpportunitiesService (actor host, audited), with field errors and an error
 * summary, nothing stored on bad input; staff review when the agency wants. And the console's and
 * API's "send link" and "revoke all links" on a provider.
 */
describe('host page forms and host-link buttons', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let hostA: Provider;
  let hostB: Provider;
  let cookie: string;
  let csrf: string;
  let apiToken: string;
  let staff: AuthenticatedStaff;

  const validForm = (): Record<string, string | string[]> => ({
    title: 'Lesepatenschaft am Dienstag',
    description: 'Vorlesen für Kinder der zweiten Klasse, eine Stunde pro Woche.',
    fieldsOfActivity: 'BIL',
    postalCode: '22765',
    timeKind: 'weekly',
    weekday0: '2',
    slotStart0: '15:00',
    slotEnd0: '16:00',
    places: '2',
    languages: 'de, ar',
    hostOffers: ['induction', 'insurance'],
    forNewcomers: 'yes',
    projectId: '',
  });
  const form = (fields: Record<string, string | string[]>, extra: Record<string, string> = {}) => {
    const body = new URLSearchParams(extra);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(name, item);
      }
    }
    return body;
  };
  const hostPost = (path: string, fields: Record<string, string | string[]>) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(fields),
    }).then(async (r) => ({ status: r.status, html: await r.text(), location: r.headers.get('location') }));
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', headers }).then(async (r) => ({
      status: r.status,
      html: await r.text(),
    }));
  const consolePost = (path: string, fields: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    }).then(async (r) => ({ status: r.status, html: await r.text(), location: r.headers.get('location') }));
  const tokenOf = async (id: string) =>
    hostPageToken(
      stack.config.LINK_SECRET,
      await stack.dataSource.getRepository(Provider).findOneByOrFail({ id }),
      new Date(),
    );
  const opportunitiesOf = (providerId: string) =>
    stack.dataSource.getRepository(Opportunity).find({ where: { providerId }, order: { createdAt: 'ASC' } });
  const auditOf = (id: string) =>
    stack.dataSource.query<
      { action: string; staff_user_id: string | null; details: Record<string, unknown> }[]
    >(`SELECT action, staff_user_id, details FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
  const setReview = (on: boolean) =>
    stack.api.get(PlacementSettingsService).update({ reviewHostSubmissions: on }, staff);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    hostA = await insertProvider(stack.dataSource, {
      name: 'Grundschule Arnkielstraße',
      email: 'schule@host.test',
    });
    hostB = await insertProvider(stack.dataSource, { name: 'Kita Bunte Welt', email: 'kita@host.test' });
    const user = await createStaffUser(stack.dataSource, {
      role: 'coordinator',
      email: 'kim.host@agency.test',
    });
    staff = { id: user.id } as AuthenticatedStaff;
    apiToken = await loginAs(stack.baseUrl, user.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${apiToken}`;
    csrf = csrfTokenFor(apiToken, stack.config.LINK_SECRET);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('shows field errors and an error summary for bad input, and stores nothing', async () => {
    const token = await tokenOf(hostA.id);
    const formPage = await get(`/host/${token}/opportunities/new?lang=de`);
    expect(formPage.status).toBe(200);
    expect(formPage.html).toContain('name="weekday0"');
    const bad = await hostPost(`/host/${token}/opportunities/new?lang=de`, {
      ...validForm(),
      title: 'x',
      places: '-3',
      slotEnd0: '14:00',
      postalCode: '',
      fieldsOfActivity: 'NOPE',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="error-summary"');
    expect(bad.html).toContain('href="#field-title"');
    expect(bad.html).toContain('aria-invalid="true"');
    // What was typed stays to be corrected.
    expect(bad.html).toContain('value="-3"');
    expect(await opportunitiesOf(hostA.id)).toEqual([]);
    // An unknown postal code is the service's refusal, still a field error.
    const unknownPlace = await hostPost(`/host/${token}/opportunities/new`, {
      ...validForm(),
      postalCode: '00000',
    });
    expect(unknownPlace.status).toBe(400);
    expect(unknownPlace.html).toContain('href="#field-postalCode"');
    // Another host's project cannot be chosen.
    const foreignProject = await insertProject(stack.dataSource, hostB.id, 'Fremdprojekt');
    const foreign = await hostPost(`/host/${token}/opportunities/new`, {
      ...validForm(),
      projectId: foreignProject.id,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.html).not.toContain('Fremdprojekt');
    expect(await opportunitiesOf(hostA.id)).toEqual([]);
  });

  it('creates an opportunity that waits for review, audited as the host, with a new project', async () => {
    await setReview(true);
    const token = await tokenOf(hostA.id);
    const created = await hostPost(`/host/${token}/opportunities/new?lang=ar`, {
      ...validForm(),
      projectId: 'new',
      newProjectTitle: 'Lesen macht stark',
      submitAs: 'submit',
    });
    expect(created.status).toBe(303);
    expect(created.location).toMatch(new RegExp(`^/host/${token}\\?lang=ar&done=in-review#opportunity-`));
    const [row] = await opportunitiesOf(hostA.id);
    expect(row).toMatchObject({
      title: 'Lesepatenschaft am Dienstag',
      status: 'in-review',
      submittedBy: 'host',
      places: 2,
      languages: ['de', 'ar'],
      forNewcomers: true,
      hostOffers: ['induction', 'insurance'],
      timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '15:00', end: '16:00' }] },
    });
    const project = await stack.dataSource.getRepository(Project).findOneByOrFail({ id: row.projectId! });
    expect(project).toMatchObject({ providerId: hostA.id, title: 'Lesen macht stark' });
    const audit = await auditOf(row.id);
    expect(audit.map((entry) => [entry.action, entry.staff_user_id, entry.details.by])).toEqual([
      ['opportunity.created', null, 'host'],
    ]);
    const page = await get(created.location!);
    expect(page.html).toContain('dir="rtl"');
    expect(page.html).toContain('<bdi>Lesen macht stark</bdi>');
    expect(page.html).toContain('dir="auto"');
  });

  it('keeps a draft when the host says so, and publishes at once when the agency does not review', async () => {
    const token = await tokenOf(hostB.id);
    const draft = await hostPost(`/host/${token}/opportunities/new`, {
      ...validForm(),
      title: 'Entwurf Vorlesen',
      submitAs: 'draft',
    });
    expect(draft.status).toBe(303);
    await setReview(false);
    try {
      const published = await hostPost(`/host/${token}/opportunities/new`, {
        ...validForm(),
        title: 'Gleich sichtbar',
        timeKind: 'flexible',
        hoursPerWeek: '3',
        submitAs: 'submit',
      });
      expect(published.status).toBe(303);
      const rows = await opportunitiesOf(hostB.id);
      expect(rows.map((row) => [row.title, row.status])).toEqual([
        ['Entwurf Vorlesen', 'draft'],
        ['Gleich sichtbar', 'published'],
      ]);
      expect(rows[1].reviewBy).not.toBeNull();
    } finally {
      await setReview(true);
    }
  });

  it('edits its own opportunity (a published one goes back to review), never another host’s', async () => {
    const own = await insertOpportunity(stack.dataSource, hostA.id, { title: 'Hofgarten' });
    const token = await tokenOf(hostA.id);
    const editForm = await get(`/host/${token}/opportunities/${own.id}/edit`);
    expect(editForm.status).toBe(200);
    expect(editForm.html).toContain('value="Hofgarten"');
    const tooLong = await hostPost(`/host/${token}/opportunities/${own.id}/edit`, {
      ...validForm(),
      title: 'x'.repeat(200),
    });
    expect(tooLong.status).toBe(400);
    expect((await stack.dataSource.getRepository(Opportunity).findOneByOrFail({ id: own.id })).title).toBe(
      'Hofgarten',
    );
    const saved = await hostPost(`/host/${token}/opportunities/${own.id}/edit`, {
      ...validForm(),
      title: 'Hofgarten im Sommer',
    });
    expect(saved.status).toBe(303);
    const after = await stack.dataSource.getRepository(Opportunity).findOneByOrFail({ id: own.id });
    expect(after).toMatchObject({ title: 'Hofgarten im Sommer', status: 'in-review', providerId: hostA.id });
    const audit = await auditOf(own.id);
    expect(audit.at(-1)).toMatchObject({ action: 'opportunity.updated', staff_user_id: null });
    expect(audit.at(-1)!.details.by).toBe('host');
    const foreign = await insertOpportunity(stack.dataSource, hostB.id, { title: 'Fremdes Angebot' });
    const refused = await hostPost(`/host/${token}/opportunities/${foreign.id}/edit`, {
      ...validForm(),
      title: 'Gekapert',
    });
    expect(refused.status).toBe(404);
    expect(
      (await stack.dataSource.getRepository(Opportunity).findOneByOrFail({ id: foreign.id })).title,
    ).toBe('Fremdes Angebot');
    expect((await get(`/host/${token}/opportunities/not-a-uuid/edit`)).status).toBe(404);
  });

  it('creates and edits its projects with field errors, audited as the host', async () => {
    const token = await tokenOf(hostB.id);
    const bad = await hostPost(`/host/${token}/projects/new?lang=fa`, {
      title: 'x',
      description: 'y'.repeat(2500),
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="error-summary"');
    expect(bad.html).toContain('href="#field-title"');
    expect(bad.html).toContain('href="#field-description"');
    const before = await stack.dataSource.getRepository(Project).countBy({ providerId: hostB.id });
    expect(before).toBe(1); // the foreign project of the first test only
    const created = await hostPost(`/host/${token}/projects/new`, {
      title: 'Sprachcafé',
      description: 'Jeden Donnerstag.',
    });
    expect(created.status).toBe(303);
    const project = await stack.dataSource
      .getRepository(Project)
      .findOneByOrFail({ providerId: hostB.id, title: 'Sprachcafé' });
    const edited = await hostPost(`/host/${token}/projects/${project.id}/edit`, {
      title: 'Sprachcafé Altona',
      description: '',
    });
    expect(edited.status).toBe(303);
    expect(await stack.dataSource.getRepository(Project).findOneByOrFail({ id: project.id })).toMatchObject({
      title: 'Sprachcafé Altona',
      description: null,
    });
    expect((await auditOf(project.id)).map((entry) => entry.action)).toEqual([
      'project.created',
      'project.updated',
    ]);
    const otherToken = await tokenOf(hostA.id);
    expect((await get(`/host/${otherToken}/projects/${project.id}/edit`)).status).toBe(404);
    expect(
      (await hostPost(`/host/${otherToken}/projects/${project.id}/edit`, { title: 'Gekapert' })).status,
    ).toBe(404);
    expect((await stack.dataSource.getRepository(Project).findOneByOrFail({ id: project.id })).title).toBe(
      'Sprachcafé Altona',
    );
  });

  it('survives garbage on every host form without a 500 and stores nothing', async () => {
    const token = await tokenOf(hostA.id);
    const [own] = await opportunitiesOf(hostA.id);
    const countOpp = await stack.dataSource.getRepository(Opportunity).count();
    const countProj = await stack.dataSource.getRepository(Project).count();
    const garbage: Record<string, string | string[]>[] = [
      {},
      { title: '\u0000', places: 'NaN', timeKind: 'sometimes' },
      { ...validForm(), weekday0: '9', slotStart0: '25:99' },
      { ...validForm(), timeKind: 'one-off', date: '1999-01-01', start: '10:00', end: '09:00' },
      { ...validForm(), minimumAge: '-1', minCommitmentMonths: '9999', contactEmail: 'nope' },
      { ...validForm(), projectId: 'constructor' },
      { ...validForm(), projectId: 'new', newProjectTitle: '' },
      { ...validForm(), skills: ['__proto__', 'x'.repeat(500)], hostOffers: 'everything' },
      { title: ['a', 'b'], description: ['x'] },
    ];
    for (const path of [
      `/host/${token}/opportunities/new`,
      `/host/${token}/opportunities/${own.id}/edit`,
      `/host/${token}/projects/new`,
    ]) {
      for (const fields of garbage) {
        const answer = await hostPost(path, fields);
        if (path.includes('/projects/') && typeof fields.title === 'string' && fields.title.length >= 2) {
          continue;
        }
        expect({ path, fields, status: answer.status }).toEqual({ path, fields, status: 400 });
      }
    }
    expect(await stack.dataSource.getRepository(Opportunity).count()).toBe(countOpp);
    // Only the six project posts with a usable title (the valid form's) were stored.
    expect(await stack.dataSource.getRepository(Project).count()).toBe(countProj + 6);
  });

  it('sends the host link from the console and the API (queued, audited), and revokes all links after a confirm step', async () => {
    const page = await get(`/console/providers/${hostA.id}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Link an Träger senden');
    expect(page.html).toContain(`href="/console/providers/${hostA.id}/host-link/revoke"`);
    const sent = await consolePost(`/console/providers/${hostA.id}/host-link`);
    expect(sent.status).toBe(303);
    const flash = await get(sent.location!, { cookie });
    expect(flash.html).toContain('Der Link ist unterwegs');
    const queued = await stack.dataSource.getRepository(Notification).findBy({ kind: 'host-link' });
    expect(queued.map((row) => row.recipient)).toContain('schule@host.test');
    expect((await auditOf(hostA.id)).map((entry) => entry.action)).toContain('provider.host-link-sent');
    // Without CSRF: refused, nothing queued.
    const noCsrf = await fetch(`${stack.baseUrl}/console/providers/${hostA.id}/host-link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(noCsrf.status).toBe(403);

    const oldToken = await tokenOf(hostA.id);
    expect((await get(`/host/${oldToken}`)).status).toBe(200);
    const question = await get(`/console/providers/${hostA.id}/host-link/revoke`, { cookie });
    expect(question.status).toBe(200);
    expect(question.html).toContain('name="confirm" value="yes"');
    // Without the confirm field: back to the question, nothing changed.
    const unconfirmed = await consolePost(`/console/providers/${hostA.id}/host-link/revoke`);
    expect(unconfirmed.status).toBe(303);
    expect((await get(`/host/${oldToken}`)).status).toBe(200);
    const revoked = await consolePost(`/console/providers/${hostA.id}/host-link/revoke`, { confirm: 'yes' });
    expect(revoked.status).toBe(303);
    expect((await get(`/host/${oldToken}`)).status).toBe(410);
    expect((await get(`/host/${await tokenOf(hostA.id)}`)).status).toBe(200);
    expect((await auditOf(hostA.id)).map((entry) => entry.action)).toContain('provider.host-links-revoked');

    const apiSent = await requestJson(stack.baseUrl, 'POST', `/api/staff/providers/${hostB.id}/host-link`, {
      token: apiToken,
    });
    expect(apiSent.status).toBe(200);
    expect(apiSent.body).toEqual({ providerId: hostB.id, sentTo: 'kita@host.test' });
    const bToken = await tokenOf(hostB.id);
    const apiRevoked = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/providers/${hostB.id}/host-link/revoke`,
      {
        token: apiToken,
      },
    );
    expect(apiRevoked.status).toBe(200);
    expect(apiRevoked.body).toMatchObject({ providerId: hostB.id, linkVersion: expect.any(Number) });
    expect((await get(`/host/${bToken}`)).status).toBe(410);
    const unknown = await requestJson(
      stack.baseUrl,
      'POST',
      '/api/staff/providers/00000000-0000-4000-8000-000000000000/host-link/revoke',
      { token: apiToken },
    );
    expect(unknown.status).toBe(404);
    expect(
      (await requestJson(stack.baseUrl, 'POST', '/api/staff/providers/nope/host-link', { token: apiToken }))
        .status,
    ).toBe(400);
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/providers/${hostB.id}/host-link`, {})).status,
    ).toBe(401);
  });
});
