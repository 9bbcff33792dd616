import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../shared/domain-error';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AdvisoryInterviewsService } from '../volunteers/advisory-interviews.service';
import {
  INTERVIEW_MAX_OPPORTUNITIES,
  type AdvisoryInterviewRecordedDto,
  type InterviewPlacementDto,
  type RecordInterviewWithPlacementsDto,
} from './dto/interview-placements.dto';
import { PlacementStagesService } from './placement-stages.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The advisory interview (Beratungsgespräch) and the placements it led to, in one transaction:
 * the interview is recorded, and every chosen published opportunity gets a placement at
 * "advised" through PlacementStagesService, linked to the interview. A placement the volunteer
 * already has open for that opportunity is linked (if it has no interview yet), never duplicated.
 * No opportunity chosen: the interview still counts, it led to nothing.
 */
@Injectable()
export class InterviewPlacementsService {
  constructor(
    // DataSource: the interview, the placements and their audit entries commit together.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: AdvisoryInterviewsService,
    private readonly stages: PlacementStagesService,
  ) {}

  async record(
    volunteerId: string,
    dto: RecordInterviewWithPlacementsDto,
    staff: AuthenticatedStaff,
    now = new Date(),
  ): Promise<AdvisoryInterviewRecordedDto> {
    const opportunityIds = [...new Set(dto.opportunityIds ?? [])];
    if (opportunityIds.length > INTERVIEW_MAX_OPPORTUNITIES || !opportunityIds.every((id) => UUID.test(id))) {
      throw new DomainError('invalid-opportunities', 'must be at most 20 opportunity ids', 'opportunityIds');
    }
    const { opportunityIds: _chosen, ...interviewDto } = dto;
    return this.dataSource.transaction(async (manager) => {
      const titles = await this.assertPublished(manager, opportunityIds);
      const interview = await this.interviews.record(volunteerId, interviewDto, staff, now, manager);
      const placements: InterviewPlacementDto[] = [];
      for (const opportunityId of opportunityIds) {
        const { placement, created } = await this.stages.open(
          {
            volunteerId,
            opportunityId,
            source: 'staff',
            stage: 'advised',
            advisoryInterviewId: interview.id,
            staff,
          },
          now,
          manager,
        );
        let advisoryInterviewId = placement.advisoryInterviewId;
        if (!created && advisoryInterviewId === null) {
          await manager.query(`UPDATE placement SET advisory_interview_id = $1 WHERE id = $2`, [
            interview.id,
            placement.id,
          ]);
          advisoryInterviewId = interview.id;
        }
        placements.push({
          id: placement.id,
          opportunityId,
          opportunityTitle: titles.get(opportunityId) ?? '',
          stage: placement.stage,
          created,
          advisoryInterviewId,
        });
      }
      return { ...interview, placements };
    });
  }

  /** Every chosen opportunity exists and is published (400 naming the first that is not); their titles. */
  private async assertPublished(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await manager.query<{ id: string; title: string; status: string }[]>(
      `SELECT id, title, status FROM opportunity WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) {
        throw new DomainError('unknown-opportunity', `no opportunity has the id ${id}`, 'opportunityIds');
      }
      if (row.status !== 'published') {
        throw new DomainError(
          'opportunity-not-open',
          `only published opportunities take placements ("${row.title}" is ${row.status})`,
          'opportunityIds',
        );
      }
    }
    return new Map(rows.map((row) => [row.id, row.title]));
  }
}
