import { HourEntry } from '../../src/hours/hour-entry.entity';
import { addDays, berlinDateOf } from '../../src/shared/berlin-time';
import { createLinkToken } from '../../src/shared/signed-links';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { insertAcceptedAssignment } from '../factories/week.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '10:00', end: '11:00' })) as {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  start: string;
  end: string;
}[];

/**
 * Hours: a volunteer logs them through their self-service link (bad input refused, nothing stored),
 * "wie immer" once per day, staff approve / correct / reject (audited), totals, and the
 * Engagementnachweis (approved hours only, the threshold statement, no help-seeker's name). A
 * link only ever reaches its own volunteer's hours.
 */
describe('hours and the Engagementnachweis', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;
  let today: string;
  let anna: { id: string; matchId: string; placementId: string };
  let ben: { id: string; matchId: string };

  const link = (volunteerId: string, scope: 'account' | 'settings', version = 1) =>
    `${stack.baseUrl}/preferences/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'preferences',
      subjectId: volunteerId,
      action: scope,
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
      version,
    })}`;
  const post = (url: string, fields: Record<string, string | string[]>, asStaff = false) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(asStaff ? { _csrf: csrf, ...fields } : fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(key, item);
      }
    }
    return fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(asStaff ? { cookie } : {}) },
      body,
    }).then(async (response) => ({
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    }));
  };
  const page = (url: string, asStaff = false) =>
    fetch(url, { headers: asStaff ? { cookie } : {}, redirect: 'manual' }).then(async (response) => ({
      status: response.status,
      html: await response.text(),
    }));
  const entriesOf = (volunteerId: string) =>
    stack.dataSource.getRepository(HourEntry).find({ where: { volunteerId }, order: { createdAt: 'ASC' } });
  const matchOf = async (requestId: string): Promise<string> =>
    (
      await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM match WHERE request_id = $1`, [
        requestId,
      ])
    )[0].id;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const admin = await createStaffUser(stack.dataSource, { email: 'admin@agency.test', role: 'admin' });
    token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    today = berlinDateOf(new Date());
    const from = addDays(today, -60);
    const volunteerA = await insertVolunteer(stack.dataSource, { name: 'Anna Auer' });
    const requestA = await insertAcceptedAssignment(
      stack.dataSource,
      volunteerA.id,
      { kind: 'weekly', slots: EVERY_DAY, from },
      'Hertha Heimlich',
    );
    const provider = await insertProvider(stack.dataSource, { name: 'Stadtteilhaus Ottensen' });
    const opportunity = await insertOpportunity(stack.dataSource, provider.id, {
      title: 'Lesepatenschaft',
      timePattern: { kind: 'weekly', slots: EVERY_DAY },
    });
    const [placement] = await stack.dataSource.query<{ id: string }[]>(
      `INSERT INTO placement (volunteer_id, opportunity_id, stage, source, started_on)
       VALUES ($1, $2, 'started', 'staff', $3) RETURNING id`,
      [volunteerA.id, opportunity.id, from],
    );
    anna = { id: volunteerA.id, matchId: await matchOf(requestA), placementId: placement.id };
    const volunteerB = await insertVolunteer(stack.dataSource, { name: 'Ben Berg', locale: 'tr' });
    const requestB = await insertAcceptedAssignment(
      stack.dataSource,
      volunteerB.id,
      { kind: 'weekly', slots: EVERY_DAY, from },
      'Otto Ohnesorg',
    );
    ben = { id: volunteerB.id, matchId: await matchOf(requestB) };
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should let the volunteer log hours through their link and refuse bad input, storing nothing', async () => {
    const url = `${link(anna.id, 'account')}/hours`;
    const shown = await page(url);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Meine Stunden');
    expect(shown.html).toContain('Lesepatenschaft bei Stadtteilhaus Ottensen');
    expect(shown.html).not.toContain('Hertha');

    const good = {
      workedOn: addDays(today, -2),
      hours: '1',
      minutes: '30',
      target: `match:${anna.matchId}`,
      activity: 'Einkauf Anna-eins',
    };
    const bad: [Record<string, string>, string][] = [
      [{ workedOn: addDays(today, 1) }, 'Zukunft'],
      [{ workedOn: '2026-02-30' }, 'Bitte ein Datum angeben'],
      [{ workedOn: addDays(today, -401) }, '400 Tage'],
      [{ hours: '', minutes: '' }, 'Dauer'],
      [{ hours: '25' }, 'Dauer'],
      [{ hours: 'eins' }, 'Dauer'],
      [{ activity: 'x'.repeat(201) }, '200 Zeichen'],
      [{ target: `match:${ben.matchId}` }, 'wofür'],
      [{ target: 'match:nonsense' }, 'wofür'],
    ];
    for (const [change, text] of bad) {
      const answer = await post(url, { ...good, ...change });
      expect([answer.status, change]).toEqual([400, change]);
      expect(answer.html).toContain(text);
    }
    expect(await entriesOf(anna.id)).toHaveLength(0);

    const saved = await post(url, good);
    expect(saved.status).toBe(303);
    expect(saved.location).toContain('done=saved');
    const [entry] = await entriesOf(anna.id);
    expect(entry).toMatchObject({
      minutes: 90,
      status: 'submitted',
      enteredBy: 'volunteer',
      matchId: anna.matchId,
    });
    const after = await page(`${url}?done=saved`);
    expect(after.html).toContain('wartet auf Bestätigung');
    expect(after.html).toContain('Einkauf Anna-eins');
  });

  it('should keep a link to its own volunteer: another volunteer sees none of these hours', async () => {
    const benPage = await page(`${link(ben.id, 'account')}/hours`);
    expect(benPage.status).toBe(200);
    // Ben reads Turkish, his language.
    expect(benPage.html).toContain('Saatlerim');
    expect(benPage.html).not.toContain('Anna-eins');
    expect(benPage.html).not.toContain('Lesepatenschaft');
    const benProof = await page(`${link(ben.id, 'account')}/hours/proof?year=${today.slice(0, 4)}`);
    expect(benProof.html).not.toContain('Anna');
    // A settings link may log, but shows no entries and no proof.
    const settingsPage = await page(`${link(anna.id, 'settings')}/hours`);
    expect(settingsPage.status).toBe(200);
    expect(settingsPage.html).not.toContain('Anna-eins');
    expect((await page(`${link(anna.id, 'settings')}/hours/proof`)).status).toBe(403);
    // Revoked or forged links lead nowhere.
    expect((await page(`${link(anna.id, 'account', 2)}/hours`)).status).toBe(410);
    expect((await page(`${stack.baseUrl}/preferences/forged/hours`)).status).toBe(400);
  });

  it('should let staff approve, correct and reject, audited, and total the approved hours', async () => {
    const list = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/hours?status=submitted', { token });
    expect(list.status).toBe(200);
    const waiting = list.body.find((row: { volunteerId: string }) => row.volunteerId === anna.id);
    expect(waiting).toMatchObject({ minutes: 90, status: 'submitted', category: 'shopping' });

    const corrected = await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/hours/${waiting.id}/correct`, {
      token,
      body: { minutes: 60 },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ minutes: 60, originalMinutes: 90, status: 'approved' });
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/hours/${waiting.id}/approve`, { token }))
        .status,
    ).toBe(409);
    expect(
      (
        await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/hours/${waiting.id}/correct`, {
          token,
          body: { minutes: 0 },
        })
      ).status,
    ).toBe(400);

    // Staff enter hours: approved at once; bad input is a 400 naming the field, nothing stored.
    const before = (await entriesOf(anna.id)).length;
    for (const body of [
      { volunteerId: anna.id, workedOn: addDays(today, 3), minutes: 30, target: 'general' },
      { volunteerId: anna.id, workedOn: addDays(today, -3), minutes: 1441, target: 'general' },
      { volunteerId: anna.id, workedOn: addDays(today, -3), minutes: 30, target: `match:${ben.matchId}` },
      { volunteerId: anna.id, workedOn: addDays(today, -3), minutes: 30, target: 'elsewhere' },
    ]) {
      const refused = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/hours', { token, body });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toMatch(/workedOn|minutes|target/);
    }
    expect(await entriesOf(anna.id)).toHaveLength(before);
    const placementHours = await requestJson(stack.baseUrl, 'POST', '/api/v1/staff/hours', {
      token,
      body: {
        volunteerId: anna.id,
        workedOn: addDays(today, -7),
        minutes: 120,
        target: `placement:${anna.placementId}`,
        activity: 'Vorlesen',
      },
    });
    expect(placementHours.status).toBe(201);
    expect(placementHours.body).toMatchObject({ status: 'approved', enteredBy: 'staff' });

    // A submitted entry rejected counts nowhere.
    await post(`${link(anna.id, 'account')}/hours`, {
      workedOn: addDays(today, -4),
      hours: '5',
      target: 'general',
    });
    const rejectedId = (await entriesOf(anna.id)).find((entry) => entry.minutes === 300)!.id;
    const rejected = await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/hours/${rejectedId}/reject`, {
      token,
    });
    expect(rejected.body.status).toBe('rejected');

    const audit = await stack.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE action LIKE 'hours.%' ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual(['hours.corrected', 'hours.entered', 'hours.rejected']);

    const summary = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/volunteers/${anna.id}/hours/summary`,
      { token },
    );
    expect(summary.status).toBe(200);
    expect(summary.body.approvedMinutes).toBe(180);
    expect(summary.body.submittedMinutes).toBe(0);
  });

  it('should log "wie immer" once per day with the last approved minutes', async () => {
    const url = `${link(anna.id, 'account')}/hours`;
    const shown = await page(url);
    expect(shown.html).toContain('Wie immer eintragen');
    const first = await post(`${url}/as-usual`, { target: `placement:${anna.placementId}` });
    expect(first.status).toBe(303);
    const second = await post(`${url}/as-usual`, { target: `placement:${anna.placementId}` });
    expect(second.status).toBe(303);
    const todays = (await entriesOf(anna.id)).filter(
      (entry) => entry.workedOn === today && entry.placementId,
    );
    expect(todays).toHaveLength(1);
    expect(todays[0]).toMatchObject({ minutes: 120, status: 'submitted', activity: 'Vorlesen' });
    expect((await page(url)).html).toContain('schon eingetragen');
    // Not for the agency in general, nor for someone else's assignment.
    expect((await post(`${url}/as-usual`, { target: 'general' })).status).toBe(400);
    expect((await post(`${url}/as-usual`, { target: `match:${ben.matchId}` })).status).toBe(400);
  });

  it('should approve in bulk from the console queue and show the profile section', async () => {
    const queue = await page(`${stack.baseUrl}/console/hours`, true);
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('Anna Auer');
    const waitingIds = (await entriesOf(anna.id))
      .filter((entry) => entry.status === 'submitted')
      .map((entry) => entry.id);
    expect(waitingIds).toHaveLength(1);
    const approved = await post(`${stack.baseUrl}/console/hours/approve`, { ids: waitingIds }, true);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe('/console/hours?done=approved-1');
    expect((await page(`${stack.baseUrl}/console/hours?done=approved-1`, true)).html).toContain(
      '1 Eintrag bestätigt',
    );

    const profile = await page(`${stack.baseUrl}/console/volunteers/${anna.id}`, true);
    expect(profile.html).toContain('id="h-hours"');
    expect(profile.html).toContain('Lesepatenschaft (Stadtteilhaus Ottensen)');
    const badEntry = await post(
      `${stack.baseUrl}/console/volunteers/${anna.id}/hours`,
      { workedOn: addDays(today, 2), minutes: '30', target: 'general' },
      true,
    );
    expect(badEntry.status).toBe(400);
    expect(badEntry.html).toContain('Zukunft');
  });

  it('should print a proof with approved hours only, the threshold and no help-seeker names', async () => {
    const updated = await requestJson(stack.baseUrl, 'PUT', '/api/v1/staff/settings/hours', {
      token,
      body: { hoursPerYear: 4, cardName: 'Hamburger Engagementkarte' },
    });
    expect(updated.status).toBe(200);
    expect(
      (
        await requestJson(stack.baseUrl, 'PUT', '/api/v1/staff/settings/hours', {
          token,
          body: { hoursPerYear: -3 },
        })
      ).status,
    ).toBe(400);

    // One more waiting entry, which must not count.
    await post(`${link(anna.id, 'account')}/hours`, {
      workedOn: addDays(today, -1),
      hours: '7',
      target: 'general',
    });
    const from = addDays(today, -30);
    const proof = await page(
      `${stack.baseUrl}/console/volunteers/${anna.id}/proof?from=${from}&to=${today}`,
      true,
    );
    expect(proof.status).toBe(200);
    expect(proof.html).toContain('Engagementnachweis');
    expect(proof.html).toContain('Anna Auer');
    expect(proof.html).toContain('Lesepatenschaft');
    expect(proof.html).toContain('Stadtteilhaus Ottensen');
    expect(proof.html).toContain('Nachbarschaftshilfe: ');
    // 60 corrected + 120 staff + 120 "wie immer", approved: 5 hours; the 7 waiting hours do not count.
    expect(proof.html).toMatch(/id="proof-total">5</);
    expect(proof.html).toContain(
      'Voraussetzung für die Hamburger Engagementkarte (4 Stunden im Jahr) erfüllt',
    );
    expect(proof.html).not.toContain('Hertha');
    expect(proof.html).not.toContain('Heimlich');
    expect(proof.html).not.toContain('Einkauf für');
    const printed = await stack.dataSource.query<{ details: { approvedMinutes: number } }[]>(
      `SELECT details FROM audit_log WHERE action = 'hours.proof-printed' AND entity_id = $1`,
      [anna.id],
    );
    expect(printed.map((row) => row.details.approvedMinutes)).toEqual([300]);

    expect(
      (await page(`${stack.baseUrl}/console/volunteers/${anna.id}/proof?from=${today}&to=${from}`, true))
        .status,
    ).toBe(400);

    const own = await page(`${link(anna.id, 'account')}/hours/proof?year=${today.slice(0, 4)}&lang=ar`);
    expect(own.status).toBe(200);
    expect(own.html).toContain('dir="rtl"');
    expect(own.html).toContain('شهادة العمل التطوعي');
    expect(own.html).not.toContain('Hertha');
    expect((await page(`${link(anna.id, 'account')}/hours/proof?year=20x6`)).status).toBe(400);
  });
});
