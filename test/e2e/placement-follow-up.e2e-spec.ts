import { Notification } from '../../src/notifications/notification.entity';
import { PlacementFollowUpsService } from '../../src/placements/placement-follow-ups.service';
import { PlacementStagesService } from '../../src/placements/placement-stages.service';
import { Placement } from '../../src/placements/placement.entity';
import { createLinkToken } from '../../src/shared/signed-links';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { placementFollowUpToken } from '../../src/web/links/placement-follow-up-links';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;

/**
 * The placement follow-up (docs/placements.md "Follow-up"): the job asks volunteer and host once
 * (run twice, still two emails), each in their language; the answer page stores the answers in
 * the timeline, ends the placement on "not active", refuses forged and expired links with a page;
 * a problem shows on Heute until staff act on the placement.
 */
describe('placement follow-up', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let csrf: string;
  let placementId: string;
  let secondId: string;

  const links = (text: string | undefined) =>
    [...(text ?? '').matchAll(/https?:\/\/[^\s"<\]]+\/placement-follow-ups\/[^\s"<\]]+/g)].map(
      (m) => new URL(m[0]).pathname,
    );
  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`).then(async (r) => ({ status: r.status, html: await r.text() }));
  const post = (path: string, fields: Record<string, string>, cookie?: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(fields),
    }).then(async (r) => ({ status: r.status, html: await r.text() }));
  const consolePage = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` } }).then(async (r) => ({
      status: r.status,
      html: await r.text(),
    }));
  const answers = (id: string) =>
    stack.dataSource.query<{ actor: string; details: Record<string, unknown>; note: string | null }[]>(
      `SELECT actor, details, note FROM placement_event WHERE placement_id = $1 AND kind = 'follow-up-answer' ORDER BY at`,
      [id],
    );
  const problemsSection = async () =>
    /id="section-placementFollowUpProblems"[\s\S]*?<\/section>/.exec(
      (await consolePage('/console')).html,
    )?.[0] ?? '';

  async function startedPlacement(
    volunteerName: string,
    locale: string,
    provider: { name: string; locale: string; email: string },
  ) {
    const db = stack.dataSource;
    const host = await insertProvider(db, provider);
    const opportunity = await insertOpportunity(db, host.id, { title: `Lesepatenschaft ${volunteerName}` });
    const volunteer = await insertVolunteer(db, { name: volunteerName, locale });
    const stages = stack.api.get(PlacementStagesService);
    const { placement } = await stages.open({
      volunteerId: volunteer.id,
      opportunityId: opportunity.id,
      source: 'staff',
      stage: 'proposed',
    });
    await stages.move(placement.id, 'started', { actor: 'host' });
    return { placement, volunteer };
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Fiona Folge',
      email: 'fiona.followup@agency.test',
      role: 'admin',
    });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    placementId = (
      await startedPlacement('Jonas Tür', 'tr', {
        name: 'Haus am Park',
        locale: 'en',
        email: 'park@host.test',
      })
    ).placement.id;
    secondId = (
      await startedPlacement('Olga Ivanova', 'ru', {
        name: 'Kita Regenbogen',
        locale: 'de',
        email: 'kita@host.test',
      })
    ).placement.id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should set the follow-up date on start and send nothing before it', async () => {
    const placement = await stack.dataSource.getRepository(Placement).findOneByOrFail({ id: placementId });
    const weeks = (placement.followUpDueAt!.getTime() - Date.now()) / (7 * DAY_MS);
    expect(Math.round(weeks)).toBe(10);
    expect(await stack.worker!.get(PlacementFollowUpsService).sendDue()).toBe(0);
  });

  it('should send exactly two emails once, in the volunteer’s and the host’s language, however often the job runs', async () => {
    await stack.dataSource.query(
      `UPDATE placement SET follow_up_due_at = now() - interval '1 hour' WHERE id = ANY($1)`,
      [[placementId, secondId]],
    );
    const followUps = stack.worker!.get(PlacementFollowUpsService);
    expect(await followUps.sendDue()).toBe(2);
    expect(await followUps.sendDue()).toBe(0);
    const rows = await stack.dataSource.getRepository(Notification).findBy({ subjectId: placementId });
    expect(
      rows
        .filter((row) => row.kind.endsWith('-follow-up'))
        .map((row) => `${row.kind} ${row.locale}`)
        .sort(),
    ).toEqual(['host-placement-follow-up en', 'volunteer-placement-follow-up tr']);
    const placement = await stack.dataSource.getRepository(Placement).findOneByOrFail({ id: placementId });
    expect(placement.followUpSentAt).not.toBeNull();
    // Emails arrive: Turkish to the volunteer (with the hours link), English to the host.
    const volunteerMail = await eventually('the volunteer follow-up', () =>
      Promise.resolve(smtp.messages.find((m) => m.subject === '„Lesepatenschaft Jonas Tür“ nasıl gidiyor?')),
    );
    expect(volunteerMail.text).toContain('Saatleri gir');
    expect(volunteerMail.text).toMatch(/\/preferences\/preferences\.[^\s]+\/hours/);
    expect(links(volunteerMail.text)).toHaveLength(1);
    const hostMail = await eventually('the host follow-up', () =>
      Promise.resolve(
        smtp.messages.find((m) => m.subject === 'How is it going with Jonas? (“Lesepatenschaft Jonas Tür”)'),
      ),
    );
    expect(JSON.stringify(hostMail.to)).toContain('park@host.test');
    expect(links(hostMail.text)).toHaveLength(1);
    // A third run after the mails went out: still exactly two for this placement.
    await followUps.sendDue();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      smtp.messages.filter(
        (m) => /nasıl gidiyor|How is it going/.test(m.subject ?? '') && m.subject?.includes('Jonas Tür'),
      ),
    ).toHaveLength(2);
  });

  it('should show the three questions and refuse bad input with field errors, storing nothing', async () => {
    const hostMail = smtp.messages.find((m) => m.subject?.startsWith('How is it going with Jonas'))!;
    const path = links(hostMail.text)[0];
    const shown = await get(path);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Is it going well?');
    expect(shown.html).toContain('name="problem"');
    expect(shown.html).toContain('Is the volunteering still active?');
    const bad = await post(path, { going: 'maybe', problem: 'x'.repeat(2001) });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Please choose whether it is going well.');
    expect(bad.html).toContain('Please choose whether the volunteering is still active.');
    expect(bad.html).toContain('at most 2000 characters');
    expect(await answers(placementId)).toEqual([]);
  });

  it('should store the host’s answer, and show a problem on Heute until staff note something', async () => {
    const hostMail = smtp.messages.find((m) => m.subject?.startsWith('How is it going with Jonas'))!;
    const done = await post(links(hostMail.text)[0], {
      going: 'partly',
      problem: 'Kommt oft zu spät',
      active: 'yes',
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Thank you for your answer!');
    expect(await answers(placementId)).toEqual([
      {
        actor: 'host',
        note: 'Kommt oft zu spät',
        details: expect.objectContaining({
          going: 'partly',
          active: 'yes',
          answer: 'problem',
          attention: true,
        }),
      },
    ]);
    const section = await problemsSection();
    expect(section).toContain('Rückmeldungen mit Problemen');
    expect(section).toContain('Jonas Tür');
    expect(section).toContain('Kommt oft zu spät');
    const timeline = await consolePage(`/console/placements/${placementId}`);
    expect(timeline.html).toContain('Läuft es gut? teilweise · Noch aktiv? ja');
    expect(timeline.html).toContain('Kommt oft zu spät');
    // Seen: a staff note on the placement takes it off Heute.
    const noted = await post(
      `/console/placements/${placementId}/notes`,
      { _csrf: csrf, note: 'Mit der Einsatzstelle telefoniert' },
      `nahbar_staff=${token}`,
    );
    expect(noted.status).toBe(303);
    expect(await problemsSection()).not.toContain('Jonas Tür');
  });

  it('should end the placement when the volunteer answers "not active", by the volunteer', async () => {
    const volunteerMail = smtp.messages.find(
      (m) => m.subject?.includes('Lesepatenschaft Jonas Tür') && m.subject?.includes('nasıl'),
    )!;
    const path = links(volunteerMail.text)[0];
    const shown = await get(path);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<html lang="tr"');
    const done = await post(path, { going: 'no', active: 'no' });
    expect(done.status).toBe(200);
    const placement = await stack.dataSource.getRepository(Placement).findOneByOrFail({ id: placementId });
    expect(placement.stage).toBe('ended');
    expect(placement.endReason).toBe('volunteer-changed-mind');
    const [stage] = await stack.dataSource.query<{ actor: string }[]>(
      `SELECT actor FROM placement_event WHERE placement_id = $1 AND kind = 'stage' AND to_stage = 'ended'`,
      [placementId],
    );
    expect(stage.actor).toBe('volunteer');
    // A second answer adds to the timeline (the placement has ended: nothing more to end).
    expect((await get(path)).html).toContain('Daha önce yanıt verdiniz');
    expect((await post(path, { going: 'yes', active: 'no' })).status).toBe(200);
    expect((await answers(placementId)).map((a) => a.actor)).toEqual(['host', 'volunteer', 'volunteer']);
    expect(await problemsSection()).not.toContain('Jonas Tür');
  });

  it('should refuse forged, foreign-purpose, expired and revoked links with a page, never a 500', async () => {
    const secret = stack.config.LINK_SECRET;
    const good = placementFollowUpToken(secret, secondId, 'host', 1, new Date());
    const forged = good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await get(`/placement-follow-ups/${forged}`)).status).toBe(400);
    expect((await post(`/placement-follow-ups/${forged}`, { going: 'yes', active: 'yes' })).status).toBe(400);
    expect((await get(`/placement-follow-ups/nonsense`)).status).toBe(400);
    const wrongSide = createLinkToken(secret, {
      purpose: 'placement-follow-up',
      subjectId: secondId,
      action: 'staff',
      expiresAt: new Date(Date.now() + DAY_MS),
      version: 1,
    });
    expect((await get(`/placement-follow-ups/${wrongSide}`)).status).toBe(400);
    const expired = placementFollowUpToken(secret, secondId, 'host', 1, new Date(Date.now() - 61 * DAY_MS));
    const expiredPage = await get(`/placement-follow-ups/${expired}`);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.html).toContain('Dieser Link ist abgelaufen');
    expect((await post(`/placement-follow-ups/${expired}`, { going: 'yes', active: 'yes' })).status).toBe(
      410,
    );
    const revoked = placementFollowUpToken(secret, secondId, 'volunteer', 7, new Date());
    expect((await get(`/placement-follow-ups/${revoked}`)).status).toBe(410);
    expect(await answers(secondId)).toEqual([]);
    // The good one works, in the host's German.
    const page = await get(`/placement-follow-ups/${good}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Läuft es gut?');
    expect(page.html).toContain('Es geht um Olga bei Ihrem Angebot');
  });
});
