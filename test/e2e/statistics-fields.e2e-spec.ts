import { SelfServiceService } from '../../src/volunteers/self-service.service';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectFieldError } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The optional facts for the funders' statistics (docs/reports.md): a volunteer's gender and a
 * help-seeker's priority groups through the staff API and the public sign-up, unknown values
 * refused with a 400 naming the field and nothing stored, and both fields in the GDPR export and
 * gone after erasure.
 */
describe('statistics fields: gender and priority groups', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;

  const count = async (sql: string, params: unknown[] = []) =>
    (await stack.dataSource.query<{ n: number }[]>(sql, params))[0].n;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim.statistics@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('stores a volunteer gender given by staff, clears it with null, and refuses an unknown one', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ gender: 'diverse' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.gender).toBe('diverse');
    const plain = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody(),
    });
    expect(plain.body.gender).toBeNull();

    const before = await count(`SELECT count(*)::int AS n FROM volunteer`);
    const wrong = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ gender: 'unknown', email: 'never.stored@example.org' }),
    });
    expectFieldError(wrong, 'gender', { message: /female, male, diverse/ });
    expect(await count(`SELECT count(*)::int AS n FROM volunteer`)).toBe(before);

    const path = `/api/staff/volunteers/${created.body.id}`;
    expectFieldError(
      await requestJson(stack.baseUrl, 'PATCH', path, { token, body: { gender: 'w' } }),
      'gender',
    );
    expect((await requestJson(stack.baseUrl, 'GET', path, { token })).body.gender).toBe('diverse');
    const cleared = await requestJson(stack.baseUrl, 'PATCH', path, { token, body: { gender: null } });
    expect(cleared.status).toBe(200);
    expect((await requestJson(stack.baseUrl, 'GET', path, { token })).body.gender).toBeNull();
  });

  it('takes the gender on the public sign-up and refuses an unknown one', async () => {
    const signUp = (email: string, gender: unknown) =>
      requestJson(stack.baseUrl, 'POST', '/api/public/volunteers', {
        body: {
          name: 'Dora Beispiel',
          email,
          languages: [{ code: 'de', level: 'native' }],
          skills: ['shopping'],
          postalCode: '22765',
          maxTravelKm: 3,
          availability: [{ weekday: 2, start: '10:00', end: '12:00' }],
          gender,
          consent: { volunteerPool: true },
        },
      });
    const bad = await signUp('dora.bad@example.org', 'other');
    expectFieldError(bad, 'gender');
    expect(await count(`SELECT count(*)::int AS n FROM volunteer WHERE email = 'dora.bad@example.org'`)).toBe(
      0,
    );
    const good = await signUp('dora.good@example.org', 'female');
    expect(good.status).toBe(202);
    const [row] = await stack.dataSource.query<{ gender: string | null }[]>(
      `SELECT gender FROM volunteer WHERE email = 'dora.good@example.org'`,
    );
    expect(row.gender).toBe('female');
  });

  it('takes priority groups at the phone intake, adds those said in a later call, refuses unknown ones', async () => {
    const intakeBody = (helpSeeker: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      category: 'shopping',
      description: 'Einkauf',
      postalCode: '22765',
      schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:30' },
      helpSeeker: { name: 'Ilse Intake', phone: '040 333444', preferredContact: 'phone', ...helpSeeker },
      consent: { dataProcessing: true },
      ...extra,
    });
    const requests = () => count(`SELECT count(*)::int AS n FROM help_request`);
    const before = await requests();
    const wrong = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: intakeBody({ priorityGroups: ['older-people', 'pensioners'] }),
    });
    expectFieldError(wrong, 'helpSeeker.priorityGroups', {
      message: /older-people, migration-background, disability/,
    });
    expect(await requests()).toBe(before);

    const taken = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: intakeBody({ priorityGroups: ['disability', 'older-people', 'disability'] }),
    });
    expect(taken.status).toBe(201);
    const groupsOf = async (requestId: string) =>
      (
        await stack.dataSource.query<{ groups: string[]; seekerId: string }[]>(
          `SELECT s.priority_groups AS groups, s.id AS "seekerId"
             FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id WHERE r.id = $1`,
          [requestId],
        )
      )[0];
    const first = await groupsOf(taken.body.id);
    // Each group once, in the fixed order.
    expect(first.groups).toEqual(['older-people', 'disability']);

    // A later call for the known person adds what she says now and keeps what she said before.
    const again = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: intakeBody({ priorityGroups: ['migration-background'] }, { helpSeekerId: first.seekerId }),
    });
    expect(again.status).toBe(201);
    expect((await groupsOf(again.body.id)).groups).toEqual([
      'older-people',
      'migration-background',
      'disability',
    ]);
    const audited = await count(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'help-seeker.updated' AND entity_id = $1`,
      [first.seekerId],
    );
    expect(audited).toBe(1);
  });

  it('edits priority groups of a help-seeker, refuses unknown ones, exports and erases them', async () => {
    const intake = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: {
        category: 'shopping',
        description: 'Einkauf',
        postalCode: '22765',
        schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:30' },
        helpSeeker: { name: 'Greta Gruppe', phone: '040 111222', preferredContact: 'phone' },
        consent: { dataProcessing: true },
      },
    });
    expect(intake.status).toBe(201);
    const [{ id: seekerId }] = await stack.dataSource.query<{ id: string }[]>(
      `SELECT help_seeker_id AS id FROM help_request WHERE id = $1`,
      [intake.body.id],
    );
    const path = `/api/staff/help-seekers/${seekerId}`;
    const groups = async () =>
      (
        await stack.dataSource.query<{ groups: string[] }[]>(
          `SELECT priority_groups AS groups FROM help_seeker WHERE id = $1`,
          [seekerId],
        )
      )[0].groups;
    // Not given until the person says so.
    expect(await groups()).toEqual([]);

    const wrong = await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: { priorityGroups: ['older-people', 'refugees'], name: 'Greta Geändert' },
    });
    expectFieldError(wrong, 'priorityGroups', { message: /older-people, migration-background, disability/ });
    expect(await groups()).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM help_seeker WHERE name = 'Greta Geändert'`)).toBe(0);
    expectFieldError(
      await requestJson(stack.baseUrl, 'PATCH', path, { token, body: { priorityGroups: 'disability' } }),
      'priorityGroups',
    );

    const edited = await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: { priorityGroups: ['disability', 'older-people', 'disability'] },
    });
    expect(edited.status).toBe(200);
    // Once each, in the list's order.
    expect(await groups()).toEqual(['older-people', 'disability']);
    expect((await requestJson(stack.baseUrl, 'GET', path, { token })).body.priorityGroups).toEqual([
      'older-people',
      'disability',
    ]);

    const exported = await requestJson(stack.baseUrl, 'GET', `${path}/export`, { token });
    expect(exported.status).toBe(200);
    expect(exported.body.person.priorityGroups).toEqual(['older-people', 'disability']);

    const erased = await requestJson(stack.baseUrl, 'POST', `${path}/erase`, {
      token,
      body: { reason: 'person-asked', confirm: true },
    });
    expect(erased.status).toBeLessThan(300);
    expect(await groups()).toEqual([]);
  });

  it('exports a volunteer gender and erases it with the account', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ gender: 'male' }),
    });
    const selfService = stack.api.get(SelfServiceService);
    const exported = await selfService.export(created.body.id);
    expect((exported.profile as { gender: string }).gender).toBe('male');
    expect(await selfService.erase(created.body.id)).toBe('erased');
    const [row] = await stack.dataSource.query<{ gender: string | null }[]>(
      `SELECT gender FROM volunteer WHERE id = $1`,
      [created.body.id],
    );
    expect(row.gender).toBeNull();
  });
});
