import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { formatScheduleDe } from '../shared/schedule';
import { isLocale } from '../i18n';
import { AgencyProfileService } from '../settings/agency-profile.service';
import { Match } from './match.entity';
import { emailContent, emailTranslator } from '../web/emails/render-email';
import { formatWhen } from '../web/emails/schedule-text';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { renderLetterPage } from '../help-seekers/call-task-letter';
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
@Injectable()
export class CallTasksService {
  constructor(
    // DataSource, not repositories (read model): a call task's letter reads the request, help-seeker, match and volunteer together.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
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

  /** The printable letter with the help-seeker's name and address: an audited read. */
  async letter(id: string, locale: string | undefined, staff: AuthenticatedStaff): Promise<string> {
    const task = await this.dataSource.getRepository(CallTask).findOneBy({ id });
    if (!task) {
      throw new NotFoundError('call task', id);
    }
    const { request, seeker, volunteer } = await this.load(task);
    const lang = locale ?? (isLocale(seeker.preferredLanguage, 'public') ? seeker.preferredLanguage : 'de');
    const t = emailTranslator('help-seeker-confirmation', lang);
    const content = emailContent('help-seeker-confirmation', t.locale, {
      helpSeekerName: seeker.name,
      volunteerName: volunteer.name,
      categoryLabel: this.taxonomy.label('categories', request.category, t.locale),
      whenText: formatWhen(t, request.schedule),
      agency: await this.agencyProfile.get(),
    });
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-seeker.letter-printed',
      entityType: 'help-seeker',
      entityId: seeker.id,
      details: { callTaskId: id },
    });
    const dateText = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'long',
    }).format(new Date());
    return renderLetterPage(
      content,
      {
        name: seeker.name,
        streetAddress: seeker.streetAddress ?? request.streetAddress,
        postalCode: request.postalCode,
        place: request.district ?? '',
      },
      dateText,
    );
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
      category: this.taxonomy.label('categories', request.category, 'de'),
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
