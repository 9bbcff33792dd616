import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { formatScheduleDe, type RequestSchedule } from '../shared/schedule';
import { Match } from './match.entity';
import { translator } from '../i18n';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { CallTask, type CallTaskStatus } from '../help-seekers/call-task.entity';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';

export interface CallTaskView {
  id: string;
  reason: CallTask['reason'];
  status: CallTaskStatus;
  createdAt: Date;
  doneAt: Date | null;
  helpRequestId: string;
  category: string;
  district: string;
  whenText: string;
  volunteerName: string;
  helpSeeker: { name: string; phone: string | null; preferredContact: string; preferredLanguage: string };
}

/** "Call the help-seeker" tasks: listed with the contact to call (an audited read), done by staff. */
/** Everything the letter to a help-seeker without email needs. */
export interface CallTaskLetter {
  /** As recorded at intake; the letter uses it when it is a language of the catalogue. */
  preferredLanguage: string;
  recipient: { name: string; streetAddress: string | null; postalCode: string; place: string };
  /** How the letter addresses the person ('none': "Guten Tag <name>"). */
  salutation: HelpSeeker['salutation'];
  volunteerName: string;
  category: string;
  schedule: RequestSchedule;
  /** The first moment help is needed (help_request.starts_at), for "ab Di 8.12., jede Woche …". */
  startsAt: Date | null;
}

@Injectable()
export class CallTasksService {
  constructor(
    // DataSource, not repositories (read model): a call task's letter reads the request, help-seeker, match and volunteer together.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async list(status: CallTaskStatus, limit: number, staff: AuthenticatedStaff): Promise<CallTaskView[]> {
    const tasks = await this.dataSource
      .getRepository(CallTask)
      .find({ where: { status }, order: { createdAt: 'ASC' }, take: limit });
    const views = await Promise.all(tasks.map((task) => this.view(task)));
    // The list shows names and phone numbers: one audit entry per help-seeker shown.
    await this.dataSource.transaction(async (manager) => {
      for (const task of tasks) {
        await this.audit.record(
          {
            staffUserId: staff.id,
            action: 'help-seeker.contact-viewed',
            entityType: 'help-seeker',
            entityId: task.helpSeekerId,
            details: { via: 'call-tasks', callTaskId: task.id },
          },
          manager,
        );
      }
    });
    return views;
  }

  async markDone(id: string, staff: AuthenticatedStaff): Promise<CallTaskView> {
    const task = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(CallTask, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) {
        throw new NotFoundError('call task', id);
      }
      if (found.status === 'done') {
        throw new ConflictError('the call task is already done');
      }
      Object.assign(found, { status: 'done', doneAt: new Date(), doneByStaffId: staff.id });
      await manager.save(found);
      await this.audit.record(
        { staffUserId: staff.id, action: 'call-task.done', entityType: 'call-task', entityId: id },
        manager,
      );
      return found;
    });
    return this.view(task);
  }

  /** Staff called the help-seeker about a request (console "called back"): its open tasks are done. */
  async markDoneForRequest(
    requestId: string,
    staff: AuthenticatedStaff,
    manager: EntityManager,
  ): Promise<number> {
    const done: { id: string }[] = await manager.query(
      `WITH done AS (
         UPDATE call_task SET status = 'done', done_at = now(), done_by_staff_id = $2
          WHERE help_request_id = $1 AND status = 'open' RETURNING id)
       SELECT id FROM done`,
      [requestId, staff.id],
    );
    for (const { id } of done) {
      await this.audit.record(
        { staffUserId: staff.id, action: 'call-task.done', entityType: 'call-task', entityId: id },
        manager,
      );
    }
    return done.length;
  }

  /**
   * What the printable letter says, with the help-seeker's name and address: an audited read. The
   * letter is written in src/web/letters.
   */
  async letter(id: string, staff: AuthenticatedStaff): Promise<CallTaskLetter> {
    const task = await this.dataSource.getRepository(CallTask).findOneBy({ id });
    if (!task) {
      throw new NotFoundError('call task', id);
    }
    const { request, seeker, volunteer } = await this.load(task);
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-seeker.letter-printed',
      entityType: 'help-seeker',
      entityId: seeker.id,
      details: { callTaskId: id },
    });
    return {
      preferredLanguage: seeker.preferredLanguage,
      recipient: {
        name: seeker.name,
        streetAddress: seeker.streetAddress ?? request.streetAddress,
        postalCode: request.postalCode,
        place: request.district ?? '',
      },
      salutation: seeker.salutation,
      volunteerName: volunteer.name,
      category: request.category,
      schedule: request.schedule,
      startsAt: request.startsAt,
    };
  }

  private async load(
    task: CallTask,
  ): Promise<{ request: HelpRequest; seeker: HelpSeeker; volunteer: Volunteer }> {
    const [request, seeker, match] = await Promise.all([
      this.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: task.helpRequestId }),
      this.dataSource.getRepository(HelpSeeker).findOneByOrFail({ id: task.helpSeekerId }),
      this.dataSource.getRepository(Match).findOneByOrFail({ id: task.matchId }),
    ]);
    const volunteer = await this.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ id: match.volunteerId });
    return { request, seeker, volunteer };
  }

  private async view(task: CallTask): Promise<CallTaskView> {
    const { request, seeker, volunteer } = await this.load(task);
    return {
      id: task.id,
      reason: task.reason,
      status: task.status,
      createdAt: task.createdAt,
      doneAt: task.doneAt,
      helpRequestId: request.id,
      category: this.taxonomy.label('categories', request.category, translator('de', 'staff')),
      district: request.district ?? request.postalCode,
      whenText: formatScheduleDe(request.schedule),
      volunteerName: volunteer.name,
      helpSeeker: {
        name: seeker.name,
        phone: seeker.phone,
        preferredContact: seeker.preferredContact,
        preferredLanguage: seeker.preferredLanguage,
      },
    };
  }
}
