import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { DomainError, NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { AdvisoryInterview } from './advisory-interview.entity';
import type { AdvisoryInterviewDto, CreateAdvisoryInterviewDto } from './dto/advisory-interview.dto';
import { Volunteer } from './volunteer.entity';

/** Empty or blank text is no answer. */
const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Advisory interviews (Beratungsgespräche) with volunteers: recorded and listed by staff, audited. */
@Injectable()
export class AdvisoryInterviewsService {
  constructor(
    // DataSource, not repositories: the interview, the audit entry and the adviser's name in one read model.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async record(
    volunteerId: string,
    dto: CreateAdvisoryInterviewDto,
    staff: AuthenticatedStaff,
    now = new Date(),
    /** The caller's transaction (placements opened in the same interview); the read-back uses it too. */
    outer?: EntityManager,
  ): Promise<AdvisoryInterviewDto> {
    if (dto.heldOn > berlinDateOf(now)) {
      throw new DomainError('invalid-date', 'the interview cannot lie in the future', 'heldOn');
    }
    const interests = [...new Set(dto.interests ?? [])];
    this.taxonomy.assertKnown('fields', interests, 'interests');
    const adviserStaffId = dto.adviserStaffId ?? staff.id;
    const work = async (manager: EntityManager) => {
      if (!(await manager.existsBy(Volunteer, { id: volunteerId }))) {
        throw new NotFoundError('volunteer', volunteerId);
      }
      const [adviser] = await manager.query<{ id: string }[]>(`SELECT id FROM staff_user WHERE id = $1`, [
        adviserStaffId,
      ]);
      if (!adviser) {
        throw new DomainError('unknown-staff', 'no staff member has this id', 'adviserStaffId');
      }
      const saved = await manager.save(
        manager.create(AdvisoryInterview, {
          volunteerId,
          heldOn: dto.heldOn,
          adviserStaffId,
          motivation: text(dto.motivation),
          timeBudget: text(dto.timeBudget),
          mobility: text(dto.mobility),
          interests,
          nextSteps: text(dto.nextSteps),
          notes: text(dto.notes),
          createdByStaffId: staff.id,
        }),
      );
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'volunteer.advisory-interview-recorded',
          entityType: 'volunteer',
          entityId: volunteerId,
          details: {
            interviewId: saved.id,
            before: null,
            after: { heldOn: saved.heldOn, adviserStaffId, interests: interests.join(',') },
          },
        },
        manager,
      );
      return saved.id;
    };
    if (outer) {
      const [inside] = await this.rows('i.id = $1', [await work(outer)], outer);
      return inside;
    }
    const id = await this.dataSource.transaction(work);
    const [created] = await this.rows('i.id = $1', [id]);
    return created;
  }

  /** Newest first; an audited read (motivation and notes are personal). */
  async list(volunteerId: string, staff: AuthenticatedStaff | null): Promise<AdvisoryInterviewDto[]> {
    if (!(await this.dataSource.getRepository(Volunteer).existsBy({ id: volunteerId }))) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    if (staff) {
      await this.audit.record({
        staffUserId: staff.id,
        action: 'volunteer.advisory-interviews-viewed',
        entityType: 'volunteer',
        entityId: volunteerId,
      });
    }
    return this.rows('i.volunteer_id = $1', [volunteerId]);
  }

  private rows(where: string, params: unknown[], manager?: EntityManager): Promise<AdvisoryInterviewDto[]> {
    return (manager ?? this.dataSource.manager).query<AdvisoryInterviewDto[]>(
      `SELECT i.id, i.volunteer_id AS "volunteerId", to_char(i.held_on, 'YYYY-MM-DD') AS "heldOn",
              i.adviser_staff_id AS "adviserStaffId", s.name AS "adviserName", i.motivation,
              i.time_budget AS "timeBudget", i.mobility, i.interests, i.next_steps AS "nextSteps",
              i.notes, i.created_at AS "createdAt"
         FROM advisory_interview i LEFT JOIN staff_user s ON s.id = i.adviser_staff_id
        WHERE ${where} ORDER BY i.held_on DESC, i.created_at DESC LIMIT 100`,
      params,
    );
  }
}
