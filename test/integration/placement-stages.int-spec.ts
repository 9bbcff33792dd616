import { PlacementEvent } from '../../src/placements/placement-event.entity';
import { PlacementStagesService } from '../../src/placements/placement-stages.service';
import type { AuthenticatedStaff } from '../../src/staff/staff-auth.service';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser } from '../factories/staff.factory';
import { startTestStack, type TestStack } from '../helpers/test-stack';

describe('placement stages on PostgreSQL', () => {
  let stack: TestStack;
  let stages: PlacementStagesService;
  let staff: AuthenticatedStaff;

  beforeAll(async () => {
    stack = await startTestStack({ smtpPort: 1, worker: false });
    stages = stack.api.get(PlacementStagesService);
    const user = await createStaffUser(stack.dataSource);
    staff = { id: user.id, name: user.name, email: user.email, role: user.role };
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('should open one placement per volunteer and opportunity, however often it is asked', async () => {
    const host = await insertProvider(stack.dataSource);
    const opportunity = await insertOpportunity(stack.dataSource, host.id);
    const volunteer = await insertVolunteer(stack.dataSource);
    const input = {
      volunteerId: volunteer.id,
      opportunityId: opportunity.id,
      source: 'public-interest' as const,
    };

    const [first, second] = await Promise.all([stages.open(input), stages.open(input)]);

    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.placement.id).toBe(second.placement.id);
    const events = await stack.dataSource
      .getRepository(PlacementEvent)
      .findBy({ placementId: first.placement.id });
    expect(events).toHaveLength(1);
  });

  it('should move forward with a timeline event and an audit entry, set the follow-up on start, and refuse going back', async () => {
    const host = await insertProvider(stack.dataSource);
    const opportunity = await insertOpportunity(stack.dataSource, host.id);
    const volunteer = await insertVolunteer(stack.dataSource);
    const { placement } = await stages.open({
      volunteerId: volunteer.id,
      opportunityId: opportunity.id,
      source: 'staff',
      stage: 'advised',
      staff,
    });
    const now = new Date('2026-12-01T10:00:00Z');

    await stages.move(placement.id, 'proposed', { actor: 'staff', staff }, now);
    const started = await stages.move(placement.id, 'started', { actor: 'host' }, now);

    expect(started.proposedAt?.toISOString()).toBe(now.toISOString());
    expect(started.startedOn).toBe('2026-12-01');
    // Default follow-up: ten weeks after the start.
    expect(started.followUpDueAt?.toISOString()).toBe('2027-02-09T10:00:00.000Z');
    await expect(stages.move(placement.id, 'trial', { actor: 'staff', staff }, now)).rejects.toThrow(
      /does not go back/,
    );
    const audited = await stack.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [placement.id],
    );
    expect(audited.map((row) => row.action)).toEqual(['placement.opened', 'placement.moved']);
  });

  it('should want a reason to decline, and keep who declined', async () => {
    const host = await insertProvider(stack.dataSource);
    const opportunity = await insertOpportunity(stack.dataSource, host.id);
    const volunteer = await insertVolunteer(stack.dataSource);
    const { placement } = await stages.open({
      volunteerId: volunteer.id,
      opportunityId: opportunity.id,
      source: 'staff',
      stage: 'proposed',
      staff,
    });

    await expect(stages.move(placement.id, 'declined', { actor: 'host' })).rejects.toThrow(/say why/);
    const declined = await stages.move(placement.id, 'declined', { actor: 'host', reason: 'not-suitable' });

    expect(declined).toMatchObject({ stage: 'declined', declinedBy: 'host', endReason: 'not-suitable' });
  });
});
