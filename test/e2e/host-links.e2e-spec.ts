import { Notification } from '../../src/notifications/notification.entity';
import { Opportunity } from '../../src/opportunities/opportunity.entity';
import { Placement } from '../../src/placements/placement.entity';
import { PlacementStagesService } from '../../src/placements/placement-stages.service';
import { Provider } from '../../src/providers/provider.entity';
import { createLinkToken } from '../../src/shared/signed-links';
import { HostRemindersService } from '../../src/hosts/host-reminders.service';
import { hostPageToken } from '../../src/web/host/host-links';
import {
  insertOpportunity,
  insertProject,
  insertProvider,
  insertVolunteer,
} from '../factories/opportunities.factory';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;

/**
 * Host organisations' pages behind signed links (docs/hosts.md): one host's link never shows or
 * acts on another host's opportunities, projects, placements or volunteers, on every host route;
 * revoked and expired links offer a new one; tampered ones lead nowhere. Plus the host's actions
 * and the host emails (link request, new proposal) through the real worker and SMTP.
 */
describe('host links and the host page', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let a: World;
  let b: World;

  interface World {
    provider: Provider;
    projectTitle: string;
    projectId: string;
    opportunity: Opportunity;
    placementId: string;
    volunteerEmail: string;
    hiddenEmail: string;
  }

  async function world(name: string, tag: string): Promise<World> {
    const db = stack.dataSource;
    const provider = await insertProvider(db, { name, email: `${tag}@host.test` });
    const project = await insertProject(db, provider.id, `Projekt ${tag}`);
    const opportunity = await insertOpportunity(db, provider.id, {
      title: `Angebot ${tag}`,
      projectId: project.id,
    });
    const stages = stack.api.get(PlacementStagesService);
    const proposed = await insertVolunteer(db, { name: `Vorname${tag} Nachname${tag}`, phone: '040 1234' });
    const { placement } = await stages.open({
      volunteerId: proposed.id,
      opportunityId: opportunity.id,
      source: 'staff',
      stage: 'proposed',
    });
    // Only interested (not yet proposed): never on the host page.
    const interested = await insertVolunteer(db, { name: `Versteckt${tag} Person` });
    await stages.open({
      volunteerId: interested.id,
      opportunityId: opportunity.id,
      source: 'public-interest',
    });
    return {
      provider,
      projectTitle: project.title,
      projectId: project.id,
      opportunity,
      placementId: placement.id,
      volunteerEmail: proposed.email,
      hiddenEmail: interested.email,
    };
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    a = await world('Seniorentreff A', 'aaa');
    b = await world('Kita B', 'bbb');
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const tokenOf = (provider: Pick<Provider, 'id' | 'linkVersion'>, now = new Date()) =>
    hostPageToken(stack.config.LINK_SECRET, provider, now);
  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { redirect: 'manual' }).then(async (r) => ({
      status: r.status,
      html: await r.text(),
      location: r.headers.get('location'),
    }));
  const post = (path: string, fields: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    }).then(async (r) => ({ status: r.status, html: await r.text(), location: r.headers.get('location') }));
  const placementOf = (id: string) => stack.dataSource.getRepository(Placement).findOneByOrFail({ id });
  const opportunityOf = (id: string) => stack.dataSource.getRepository(Opportunity).findOneByOrFail({ id });

  /**
   * Every host route, as (token, ids of the world it names). A new route under /host/:token must be
   * added here, or the route-count check below fails.
   */
  const HOST_ROUTES: {
    name: string;
    method: 'GET' | 'POST';
    path: (token: string, target: World) => string;
    fields?: Record<string, string>;
    /** The route names one of the target world's rows (so A's token with B's id must be 404). */
    named?: boolean;
  }[] = [
    { name: 'page', method: 'GET', path: (token) => `/host/${token}` },
    { name: 'opportunity form', method: 'GET', path: (token) => `/host/${token}/opportunities/new` },
    { name: 'create opportunity', method: 'POST', path: (token) => `/host/${token}/opportunities/new` },
    {
      name: 'opportunity edit form',
      method: 'GET',
      path: (token, w) => `/host/${token}/opportunities/${w.opportunity.id}/edit`,
      named: true,
    },
    {
      name: 'edit opportunity',
      method: 'POST',
      path: (token, w) => `/host/${token}/opportunities/${w.opportunity.id}/edit`,
      fields: {
        title: 'Gekapert',
        description: 'Von einer fremden Einsatzstelle.',
        places: '1',
        timeKind: 'flexible',
        hoursPerWeek: '2',
        remote: 'yes',
      },
      named: true,
    },
    { name: 'project form', method: 'GET', path: (token) => `/host/${token}/projects/new` },
    { name: 'create project', method: 'POST', path: (token) => `/host/${token}/projects/new` },
    {
      name: 'project edit form',
      method: 'GET',
      path: (token, w) => `/host/${token}/projects/${w.projectId}/edit`,
      named: true,
    },
    {
      name: 'edit project',
      method: 'POST',
      path: (token, w) => `/host/${token}/projects/${w.projectId}/edit`,
      fields: { title: 'Gekapert' },
      named: true,
    },
    {
      name: 'confirm',
      method: 'POST',
      path: (token, w) => `/host/${token}/opportunities/${w.opportunity.id}/confirm`,
      named: true,
    },
    {
      name: 'pause',
      method: 'POST',
      path: (token, w) => `/host/${token}/opportunities/${w.opportunity.id}/pause`,
      named: true,
    },
    {
      name: 'resume',
      method: 'POST',
      path: (token, w) => `/host/${token}/opportunities/${w.opportunity.id}/resume`,
      named: true,
    },
    {
      name: 'placement stage',
      method: 'POST',
      path: (token, w) => `/host/${token}/placements/${w.placementId}/stage`,
      fields: { move: 'contacted' },
      named: true,
    },
  ];

  it('should list every host route with a token in this test', () => {
    // Express 5 keeps its routes on `app.router`.
    const app = stack.api.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string } }[] };
    };
    const tokenRoutes = new Set(
      app.router.stack
        .map((layer) => layer.route?.path)
        .filter((path): path is string => !!path && path.startsWith('/host/:token')),
    );
    // page, opportunities (new, edit, confirm, pause, resume), projects (new, edit), placements/:id/stage
    expect([...tokenRoutes].sort()).toEqual([
      '/host/:token',
      '/host/:token/opportunities/:id/:action',
      '/host/:token/opportunities/:id/edit',
      '/host/:token/opportunities/new',
      '/host/:token/placements/:id/stage',
      '/host/:token/projects/:id/edit',
      '/host/:token/projects/new',
    ]);
    expect(HOST_ROUTES.map((route) => route.name)).toEqual([
      'page',
      'opportunity form',
      'create opportunity',
      'opportunity edit form',
      'edit opportunity',
      'project form',
      'create project',
      'project edit form',
      'edit project',
      'confirm',
      'pause',
      'resume',
      'placement stage',
    ]);
  });

  it("should show a host its own opportunities and proposed volunteers, never another host's or an unproposed one", async () => {
    const page = await get(`/host/${tokenOf(a.provider)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Angebot aaa');
    expect(page.html).toContain('Projekt aaa');
    expect(page.html).toContain('Vornameaaa');
    expect(page.html).toContain(a.volunteerEmail);
    // First name only; never interested volunteers; nothing of B.
    expect(page.html).not.toContain('Nachnameaaa');
    expect(page.html).not.toContain(a.hiddenEmail);
    for (const secret of [
      'Angebot bbb',
      'Projekt bbb',
      'Vornamebbb',
      b.volunteerEmail,
      b.hiddenEmail,
      'Kita B',
    ]) {
      expect(page.html).not.toContain(secret);
    }
  });

  it("should answer 404 and change nothing when A's link names B's project, opportunity or placement, on every route", async () => {
    const token = tokenOf(a.provider);
    const projectOf = (id: string) =>
      stack.dataSource.query<{ title: string }[]>(`SELECT title, description FROM project WHERE id = $1`, [
        id,
      ]);
    const before = {
      opportunity: await opportunityOf(b.opportunity.id),
      placement: await placementOf(b.placementId),
      project: await projectOf(b.projectId),
    };
    const named = HOST_ROUTES.filter((r) => r.named);
    expect(named.length).toBe(HOST_ROUTES.length - 5);
    for (const route of named) {
      const answer =
        route.method === 'GET'
          ? await get(route.path(token, b))
          : await post(route.path(token, b), route.fields);
      expect({ route: route.name, status: answer.status }).toEqual({ route: route.name, status: 404 });
      expect(answer.html).not.toContain('Angebot bbb');
      expect(answer.html).not.toContain('Projekt bbb');
    }
    expect(await opportunityOf(b.opportunity.id)).toEqual(before.opportunity);
    expect(await placementOf(b.placementId)).toEqual(before.placement);
    expect(await projectOf(b.projectId)).toEqual(before.project);
  });

  it('should answer 404 for a tampered, malformed or foreign-purpose token on every route', async () => {
    const good = tokenOf(a.provider);
    const tampered = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherSubject = good.replace(a.provider.id, b.provider.id);
    const wrongPurpose = createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'placement-follow-up',
      subjectId: a.provider.id,
      action: 'host',
      expiresAt: new Date(Date.now() + DAY_MS),
      version: 1,
    });
    const reviewToken = createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'host',
      subjectId: a.provider.id,
      action: 'review-confirm',
      expiresAt: new Date(Date.now() + DAY_MS),
      version: 1,
    });
    for (const token of [tampered, otherSubject, wrongPurpose, reviewToken, 'garbage']) {
      for (const route of HOST_ROUTES) {
        const answer =
          route.method === 'GET'
            ? await get(route.path(token, a))
            : await post(route.path(token, a), route.fields);
        expect({ route: route.name, status: answer.status }).toEqual({ route: route.name, status: 404 });
        expect(answer.html).not.toContain('Angebot aaa');
      }
    }
  });

  it('should refuse an expired or revoked link with 410 and a form for a new one, on every route', async () => {
    const expired = tokenOf(a.provider, new Date(Date.now() - 31 * DAY_MS));
    const provider = await stack.dataSource.getRepository(Provider).findOneByOrFail({ id: a.provider.id });
    const old = tokenOf(provider);
    await stack.dataSource
      .getRepository(Provider)
      .update(provider.id, { linkVersion: provider.linkVersion + 1 });
    try {
      for (const token of [expired, old]) {
        for (const route of HOST_ROUTES) {
          const answer =
            route.method === 'GET'
              ? await get(route.path(token, a))
              : await post(route.path(token, a), route.fields);
          expect({ route: route.name, status: answer.status }).toEqual({ route: route.name, status: 410 });
          expect(answer.html).toContain('action="/host/link?lang=de"');
          expect(answer.html).not.toContain('Angebot aaa');
        }
      }
      expect((await placementOf(a.placementId)).stage).toBe('proposed');
      const fresh = await get(`/host/${tokenOf({ id: provider.id, linkVersion: provider.linkVersion + 1 })}`);
      expect(fresh.status).toBe(200);
    } finally {
      await stack.dataSource
        .getRepository(Provider)
        .update(provider.id, { linkVersion: provider.linkVersion });
    }
  });

  it('should record contacted, trial and started on its own placement, and refuse a move the rules forbid', async () => {
    const token = tokenOf(a.provider);
    const path = `/host/${token}/placements/${a.placementId}/stage`;
    for (const [move, stage] of [
      ['contacted', 'host-contacted'],
      ['trial', 'trial'],
      ['started', 'started'],
    ] as const) {
      const answer = await post(`${path}?lang=en`, { move });
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(`/host/${token}?lang=en`);
      expect((await placementOf(a.placementId)).stage).toBe(stage);
    }
    // A started placement is ended, not declined (stage rules): 409, nothing changes.
    const refused = await post(path, { move: 'declined', reason: 'no-time' });
    expect(refused.status).toBe(409);
    expect((await placementOf(a.placementId)).stage).toBe('started');
  });

  it('should record "did not work out" with a reason from the list only', async () => {
    const db = stack.dataSource;
    const volunteer = await insertVolunteer(db);
    const { placement } = await stack.api.get(PlacementStagesService).open({
      volunteerId: volunteer.id,
      opportunityId: a.opportunity.id,
      source: 'staff',
      stage: 'proposed',
    });
    const path = `/host/${tokenOf(a.provider)}/placements/${placement.id}/stage`;
    expect((await post(path, { move: 'declined' })).status).toBe(400);
    expect((await post(path, { move: 'declined', reason: 'completed' })).status).toBe(400);
    expect((await post(path, { move: 'declined', reason: 'other' })).status).toBe(400);
    expect((await placementOf(placement.id)).stage).toBe('proposed');
    expect((await post(path, { move: 'declined', reason: 'no-answer' })).status).toBe(303);
    const declined = await placementOf(placement.id);
    expect(declined).toMatchObject({ stage: 'declined', declinedBy: 'host', endReason: 'no-answer' });
  });

  it('should pause, resume and confirm its own opportunity', async () => {
    const token = tokenOf(a.provider);
    const base = `/host/${token}/opportunities/${a.opportunity.id}`;
    expect((await post(`${base}/pause`)).status).toBe(303);
    expect(await opportunityOf(a.opportunity.id)).toMatchObject({ status: 'paused', pausedReason: 'host' });
    expect((await post(`${base}/pause`)).status).toBe(409);
    expect((await post(`${base}/resume`)).status).toBe(303);
    expect(await opportunityOf(a.opportunity.id)).toMatchObject({ status: 'published', pausedReason: null });
    await stack.dataSource.getRepository(Opportunity).update(a.opportunity.id, { reviewBy: '2026-01-01' });
    expect((await post(`${base}/confirm`)).status).toBe(303);
    const confirmed = await opportunityOf(a.opportunity.id);
    expect(confirmed.reviewBy! > new Date().toISOString().slice(0, 10)).toBe(true);
    expect((await post(`${base}/archive`)).status).toBe(404);
  });

  it('should survive garbage posted to every host form without a 500', async () => {
    const token = tokenOf(a.provider);
    const garbage: Record<string, string>[] = [
      {},
      { move: 'x'.repeat(10_000) },
      { move: 'declined', reason: '<script>', note: '\u0000' },
      { move: ['contacted', 'trial'] as unknown as string },
    ];
    for (const route of HOST_ROUTES.filter((r) => r.method === 'POST')) {
      for (const fields of garbage) {
        const answer = await post(route.path(token, b), fields);
        expect(answer.status).toBeLessThan(500);
      }
    }
    const badEmails: Record<string, string>[] = [
      {},
      { email: 'not-an-address' },
      { email: 'x'.repeat(300) + '@a.de' },
    ];
    for (const fields of badEmails) {
      const answer = await post('/host/link', fields);
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('host-email-error');
    }
    expect((await get(`/host/${token}/placements/not-a-uuid/stage`)).status).toBe(404);
    expect((await post(`/host/${token}/placements/not-a-uuid/stage`, { move: 'contacted' })).status).toBe(
      404,
    );
  });

  it('should mail a link for a known address and answer the same for an unknown one', async () => {
    const before = smtp.messages.length;
    const known = await post('/host/link?lang=en', { email: 'AAA@host.test' });
    const unknown = await post('/host/link?lang=en', { email: 'nobody@host.test' });
    expect(known.status).toBe(200);
    expect(unknown).toEqual({ ...known, html: known.html });
    await eventually('both link emails handled', async () => {
      const rows = await stack.dataSource.getRepository(Notification).findBy({ kind: 'host-link' });
      return (
        rows
          .map((row) => row.status)
          .sort()
          .join() === 'cancelled,sent'
      );
    });
    const mail = smtp.messages.slice(before).find((m) => m.subject?.includes('Ihr Link'));
    expect(mail).toBeDefined();
    const url = /https?:\/\/[^\s"]+\/host\/[^\s"<]+/.exec(mail!.text ?? '')![0];
    const page = await get(new URL(url).pathname);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Angebot aaa');
    // A second request within the hour sends nothing more.
    await post('/host/link', { email: 'aaa@host.test' });
    expect(await stack.dataSource.getRepository(Notification).countBy({ kind: 'host-link' })).toBe(2);
  });

  it('should email the host once when a volunteer is proposed, in the host language, with its page link', async () => {
    await stack.dataSource.getRepository(Provider).update(b.provider.id, { locale: 'en' });
    const volunteer = await insertVolunteer(stack.dataSource, { name: 'Mira Beispiel' });
    const stages = stack.api.get(PlacementStagesService);
    const { placement } = await stages.open({
      volunteerId: volunteer.id,
      opportunityId: b.opportunity.id,
      source: 'staff',
      stage: 'advised',
    });
    await stages.move(placement.id, 'proposed', { actor: 'staff' });
    await eventually('the proposal email sent', async () => {
      const [row] = await stack.dataSource
        .getRepository(Notification)
        .findBy({ kind: 'host-placement-proposed', subjectId: placement.id });
      return row?.status === 'sent';
    });
    // Once per placement: the earlier proposals of A and B were mailed once each, too.
    expect(
      await stack.dataSource
        .getRepository(Notification)
        .countBy({ kind: 'host-placement-proposed', subjectId: placement.id }),
    ).toBe(1);
    const mail = smtp.messages.find((m) => m.subject === 'New proposal for “Angebot bbb”');
    expect(mail?.text).toContain('Mira would like to volunteer');
    expect(mail?.text).not.toContain('Beispiel');
    expect(mail?.to).toBeDefined();
    expect(JSON.stringify(mail?.to)).toContain('bbb@host.test');
    expect(mail?.text).toMatch(/\/host\/host\./);
  });

  describe('the hosts jobs', () => {
    const reminders = () => stack.worker!.get(HostRemindersService);
    const countOf = (kind: string, subjectId?: string) =>
      stack.dataSource
        .getRepository(Notification)
        .countBy({ kind: kind as never, ...(subjectId ? { subjectId } : {}) });

    it('should remind the host once of a proposal waiting longer than hostReminderDays', async () => {
      await stack.dataSource.query(
        `UPDATE placement SET stage_changed_at = now() - interval '8 days' WHERE id = $1`,
        [b.placementId],
      );
      await reminders().remind();
      await reminders().remind();
      expect(await countOf('host-proposal-reminder', b.placementId)).toBe(1);
      const mail = await eventually('the reminder mailed', () =>
        Promise.resolve(smtp.messages.find((m) => m.subject === 'Reminder: proposal for “Angebot bbb”')),
      );
      expect(mail.text).toContain('Vornamebbb');
      expect(mail.text).not.toContain('Nachnamebbb');
    });

    it('should send one review reminder whose one-click link shows on GET and acts only on POST', async () => {
      const soon = new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);
      await stack.dataSource.getRepository(Opportunity).update(b.opportunity.id, { reviewBy: soon });
      await reminders().remind();
      await reminders().remind();
      expect(await countOf('host-review-reminder')).toBe(1);
      const mail = await eventually('the review reminder mailed', () =>
        Promise.resolve(smtp.messages.find((m) => m.subject === 'Is “Angebot bbb” still current?')),
      );
      const links = [...(mail.text ?? '').matchAll(/https?:\/\/[^\s"<\]]+\/host\/review\/[^\s"<\]]+/g)].map(
        (m) => m[0],
      );
      expect(links).toHaveLength(2);
      const confirm = new URL(links[0]).pathname;
      const shown = await get(confirm);
      expect(shown.status).toBe(200);
      expect(shown.html).toContain('method="post"');
      expect((await opportunityOf(b.opportunity.id)).reviewBy).toBe(soon);
      const done = await post(confirm);
      expect(done.status).toBe(200);
      expect((await opportunityOf(b.opportunity.id)).reviewBy! > soon).toBe(true);
      // The pause link of B's email pauses B's opportunity, nothing of A.
      expect((await post(new URL(links[1]).pathname)).status).toBe(200);
      expect((await opportunityOf(b.opportunity.id)).status).toBe('paused');
      expect((await opportunityOf(a.opportunity.id)).status).toBe('published');
      // A tampered review link leads nowhere.
      expect((await get(`${confirm.slice(0, -2)}xx`)).status).toBe(404);
    });

    it('should pause published opportunities past their review-by date, once', async () => {
      await stack.dataSource.getRepository(Opportunity).update(a.opportunity.id, { reviewBy: '2026-01-01' });
      expect(await reminders().pauseOverdue()).toBeGreaterThanOrEqual(1);
      expect(await opportunityOf(a.opportunity.id)).toMatchObject({
        status: 'paused',
        pausedReason: 'review-overdue',
      });
      expect(await reminders().pauseOverdue()).toBe(0);
      // "Noch aktuell" on the host page brings it back.
      expect(
        (await post(`/host/${tokenOf(a.provider)}/opportunities/${a.opportunity.id}/confirm`)).status,
      ).toBe(303);
      expect(await opportunityOf(a.opportunity.id)).toMatchObject({
        status: 'published',
        pausedReason: null,
      });
    });
  });
});
