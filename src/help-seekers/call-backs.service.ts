import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentRecord, PRIVACY_TEXT_VERSION } from '../common/consent-record.entity';
import { PostalCodesService } from '../postal-codes/postal-codes.service';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CallBackRequest, type CallBackStatus } from './call-back-request.entity';
import type { CallBackDto, PublicCallBackDto } from './dto/call-back.dto';
import type { StaffHelpRequestDto } from './dto/create-help-request.dto';
import { HelpSeeker } from './help-seeker.entity';
import { type CreatedHelpRequest, HelpRequestsService } from './help-requests.service';

const LIST_LIMIT = 200;

/**
 * "Rückrufwünsche aus dem Internet": a public call-back waits here (no category, no schedule) until
 * staff have called; each call that did not reach the person is recorded, and the call that did
 * completes it into a real request (phone intake for the known person), which goes to matching.
 */
@Injectable()
export class CallBacksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly helpRequests: HelpRequestsService,
    private readonly audit: AuditService,
  ) {}

  /** From the public pages: the person, their online consent and the call-back, together. */
  async submitPublic(dto: PublicCallBackDto): Promise<{ id: string }> {
    const location = await this.postalCodes.locate(dto.postalCode, 'postalCode');
    return this.dataSource.transaction(async (manager) => {
      const seeker = await manager.save(
        manager.create(HelpSeeker, {
          name: dto.name.trim(),
          phone: dto.phone.trim(),
          postalCode: location.postalCode,
          preferredContact: 'phone',
          preferredLanguage: dto.preferredLanguage ?? 'de',
        }),
      );
      await manager.insert(ConsentRecord, {
        subjectType: 'help-seeker',
        subjectId: seeker.id,
        purpose: 'data-processing',
        mode: 'online',
        textVersion: PRIVACY_TEXT_VERSION,
        givenAt: new Date(),
      });
      const callBack = await manager.save(
        manager.create(CallBackRequest, {
          helpSeekerId: seeker.id,
          postalCode: location.postalCode,
          note: dto.note?.trim() || null,
        }),
      );
      return { id: callBack.id };
    });
  }

  /** Waiting call-backs, oldest first (or the completed ones, newest first). */
  async list(status: CallBackStatus = 'waiting'): Promise<CallBackDto[]> {
    return this.dataSource.query<CallBackDto[]>(
      `${SELECT_CALL_BACK} WHERE c.status = $1
        ORDER BY c.created_at ${status === 'waiting' ? 'ASC' : 'DESC'} LIMIT ${LIST_LIMIT}`,
      [status],
    );
  }

  /** One call-back, to call and complete; the read of the person's phone number is audited. */
  async get(id: string, staff: AuthenticatedStaff): Promise<CallBackDto> {
    const callBack = await this.find(this.dataSource.manager, id);
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-seeker.read',
      entityType: 'help-seeker',
      entityId: callBack.helpSeekerId,
      details: { via: 'call-back', callBackId: id },
    });
    return callBack;
  }

  /** Called, not reached (or not yet complete): who and when, for the colleagues. */
  async recordAttempt(id: string, staff: AuthenticatedStaff, note?: string): Promise<CallBackDto> {
    return this.dataSource.transaction(async (manager) => {
      const updated = await manager.query<unknown[]>(
        `UPDATE call_back_request SET attempts = attempts + 1, last_called_at = now(),
                last_called_by_staff_id = $2
          WHERE id = $1 AND status = 'waiting' RETURNING id`,
        [id, staff.id],
      );
      await this.assertChanged(manager, id, updated);
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'call-back.attempted',
          entityType: 'call-back',
          entityId: id,
          details: note?.trim() ? { note: note.trim() } : {},
        },
        manager,
      );
      return this.find(manager, id);
    });
  }

  /**
   * After the call: the request as phone intake for the known person (what was given on the
   * phone is kept), the call-back completed in the same transaction, who and when audited.
   */
  async complete(
    id: string,
    dto: StaffHelpRequestDto,
    staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    const callBack = await this.find(this.dataSource.manager, id);
    if (callBack.status !== 'waiting') {
      throw new ConflictError('the call-back is already completed');
    }
    return this.helpRequests.recordPhoneIntake(dto, staff, callBack.helpSeekerId, {
      alsoWithin: async (manager, requestId) => {
        const updated = await manager.query<unknown[]>(
          `UPDATE call_back_request SET status = 'completed', completed_at = now(),
                  completed_by_staff_id = $2, help_request_id = $3,
                  last_called_at = now(), last_called_by_staff_id = $2
            WHERE id = $1 AND status = 'waiting' RETURNING id`,
          [id, staff.id, requestId],
        );
        await this.assertChanged(manager, id, updated);
        await this.audit.record(
          {
            staffUserId: staff.id,
            action: 'call-back.completed',
            entityType: 'call-back',
            entityId: id,
            details: { helpRequestId: requestId },
          },
          manager,
        );
      },
    });
  }

  private async find(manager: EntityManager, id: string): Promise<CallBackDto> {
    const [row] = await manager.query<CallBackDto[]>(`${SELECT_CALL_BACK} WHERE c.id = $1`, [id]);
    if (!row) {
      throw new NotFoundError('call-back', id);
    }
    return row;
  }

  private async assertChanged(manager: EntityManager, id: string, updated: unknown[]): Promise<void> {
    // pg answers an UPDATE … RETURNING with [rows, count].
    const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
    if (rows.length === 0) {
      await this.find(manager, id); // 404 for an unknown id
      throw new ConflictError('the call-back is already completed');
    }
  }
}

const SELECT_CALL_BACK = `
  SELECT c.id, c.status, c.help_seeker_id AS "helpSeekerId", s.name, s.phone, c.postal_code AS "postalCode",
         s.preferred_language AS "preferredLanguage", c.note, c.attempts, c.last_called_at AS "lastCalledAt",
         st.name AS "lastCalledBy", c.created_at AS "createdAt", c.help_request_id AS "helpRequestId"
    FROM call_back_request c
    JOIN help_seeker s ON s.id = c.help_seeker_id
    LEFT JOIN staff_user st ON st.id = c.last_called_by_staff_id`;
