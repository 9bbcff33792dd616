import { berlinDateOf } from '../../src/shared/berlin-time';
import { CallTasksService } from '../../src/matching/call-tasks.service';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { loadToday, type TodaySectionKey } from '../../src/web/console/today.queries';
import { StaffMatchingService } from '../../src/matching/staff-matching.service';
import { EXCLUSION_REASONS, type ExclusionReason } from '../../src/matching/domain/types';
import { AuditService } from '../../src/staff/audit.service';
import type { AuthenticatedStaff } from '../../src/staff/staff-auth.service';
import { createStaffUser } from '../factories/staff.factory';
import { publicHelpRequestBody } from '../factories/api-bodies.factory';
import { requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const noExclusions = Object.fromEntries(EXCLUSION_REASONS.map((reason) => [reason, 0])) as Record<
  ExclusionReason,
  number
>;

describe('the "Heute" sections on PostgreSQL', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  const ids: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No worker: the requests stay as the test sets them.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    for (let i = 0; i < 4; i += 1) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody(),
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function section(key: TodaySectionKey): Promise<string[]> {
    const today = await loadToday(stack.dataSource.manager, new Date());
    return today.sections
      .find((candidate) => candidate.key === key)!
      .items.map((item) => item.requestId ?? '');
  }

  it('should list requests nobody opened yet, oldest first, until a staff member opens one', async () => {
    await expect(section('new')).resolves.toEqual(ids);
    const staff = await createStaffUser(stack.dataSource);
    await stack.api.get(AuditService).record({
      staffUserId: staff.id,
      action: 'help-request.viewed',
      entityType: 'help-request',
      entityId: ids[0],
    });
    await expect(section('new')).resolves.toEqual(ids.slice(1));
  });

  it('should say which rule excluded most when nobody fits', async () => {
    // A help-seeker reachable by email: nobody has to call them, so the request is not a call-back.
    await stack.dataSource.query(
      `UPDATE help_seeker SET email = 'erika@example.org', preferred_contact = 'email'
        WHERE id = (SELECT help_seeker_id FROM help_request WHERE id = $1)`,
      [ids[1]],
    );
    await stack.dataSource.getRepository(HelpRequest).update(ids[1], {
      status: 'open',
      matchingSummary: {
        at: new Date().toISOString(),
        eligible: 0,
        proposed: 0,
        exclusionCounts: { ...noExclusions, 'outside-radius': 2, 'language-missing': 7 },
      },
    });
    const today = await loadToday(stack.dataSource.manager, new Date());
    const [item] = today.sections.find((candidate) => candidate.key === 'noEligible')!.items;
    expect(item.requestId).toBe(ids[1]);
    expect(item.detail).toEqual({
      de: '7 × spricht die benötigte Sprache nicht',
      en: expect.stringMatching(/^7 × /),
    });
  });

  it('should list placed requests of help-seekers without email until someone called them back', async () => {
    const today = berlinDateOf(new Date());
    // Saved through the entity, as every schedule change is, so starts_at follows the schedule.
    const repository = stack.dataSource.getRepository(HelpRequest);
    await repository.save(
      Object.assign(await repository.findOneByOrFail({ id: ids[2] }), {
        status: 'matched',
        statusChangedAt: new Date(Date.now() - 60_000),
        schedule: { kind: 'one-off', date: today, start: '10:00', end: '11:00' },
      }),
    );
    await expect(section('callBack')).resolves.toEqual(expect.arrayContaining([ids[2]]));
    // Each request once, in the most pressing section: the call comes before today's appointment.
    await expect(section('appointments')).resolves.toEqual([]);
    await stack.api.get(AuditService).record({
      staffUserId: null,
      action: 'help-request.called-back',
      entityType: 'help-request',
      entityId: ids[2],
    });
    await expect(section('callBack')).resolves.not.toContain(ids[2]);
    await expect(section('appointments')).resolves.toEqual([ids[2]]);
  });

  it('should list a request with an open "call the help-seeker" task, with its letter, until called back', async () => {
    const [request] = await stack.dataSource.query<{ help_seeker_id: string }[]>(
      'SELECT help_seeker_id FROM help_request WHERE id = $1',
      [ids[3]],
    );
    await stack.dataSource.query(
      `INSERT INTO call_task (reason, match_id, help_request_id, help_seeker_id)
       VALUES ('match-accepted', gen_random_uuid(), $1, $2)`,
      [ids[3], request.help_seeker_id],
    );
    const callBack = async () =>
      (await loadToday(stack.dataSource.manager, new Date())).sections.find((s) => s.key === 'callBack')!
        .items;
    expect((await callBack()).find((item) => item.requestId === ids[3])).toMatchObject({
      callTaskId: expect.any(String),
    });

    const staff = await createStaffUser(stack.dataSource);
    const done = await stack.dataSource.transaction((manager) =>
      stack.api
        .get(CallTasksService)
        .markDoneForRequest(ids[3], { id: staff.id } as AuthenticatedStaff, manager),
    );

    expect(done).toBe(1);
    expect((await callBack()).map((item) => item.requestId)).not.toContain(ids[3]);
    const [task] = await stack.dataSource.query<{ status: string; done_by_staff_id: string }[]>(
      'SELECT status, done_by_staff_id FROM call_task WHERE help_request_id = $1',
      [ids[3]],
    );
    expect(task).toEqual({ status: 'done', done_by_staff_id: staff.id });
  });

  it('should count the open requests per district', async () => {
    const today = await loadToday(stack.dataSource.manager, new Date());
    expect(today.districts.reduce((sum, row) => sum + row.count, 0)).toBe(4);
  });

  it('should keep a public request waiting for review among the new ones until staff release it', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(),
    });
    const id = created.body.id as string;
    await stack.dataSource.getRepository(HelpRequest).update(id, { status: 'in-review', matchingRound: 0 });
    await stack.api.get(AuditService).record({
      staffUserId: null,
      action: 'help-request.viewed',
      entityType: 'help-request',
      entityId: id,
    });
    await expect(section('new')).resolves.toContain(id);

    const staff = await createStaffUser(stack.dataSource);
    await stack.api.get(StaffMatchingService).release(id, { id: staff.id } as AuthenticatedStaff);

    await expect(section('new')).resolves.not.toContain(id);
  });
});
