import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../shared/domain-error';
import { summariseExclusions } from '../matching/domain';
import { Match } from '../matching/match.entity';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { HelpRequest, HelpRequestStatus } from './help-request.entity';

@Injectable()
export class StaffHelpRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The work list: no contact data, oldest first, so what has waited longest is seen first. */
  async list(status: HelpRequestStatus | undefined, limit: number) {
    const requests = await this.dataSource.getRepository(HelpRequest).find({
      where: status ? { status } : {},
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return requests.map((request) => ({
      id: request.id,
      category: request.category,
      district: request.district,
      postalCode: request.postalCode,
      schedule: request.schedule,
      urgency: request.urgency,
      status: request.status,
      source: request.source,
      createdAt: request.createdAt,
      statusChangedAt: request.statusChangedAt,
      matchingSummary: request.matchingSummary,
      exclusionSummary: request.matchingSummary ? summariseExclusions(request.matchingSummary) : [],
    }));
  }

  /**
   * Known help-seekers who may be the caller: the same name (case-insensitive) and the same phone
   * number (digits only) or postal code. Staff pick one or create a new record on purpose.
   */
  async possibleDuplicates(
    name: string,
    phone: string | null,
    postalCode: string | null,
  ): Promise<{ id: string; name: string; phone: string | null; postalCode: string; email: string | null }[]> {
    const digits = phone?.replace(/\D/g, '') || null;
    return this.dataSource.query(
      `SELECT id, name, phone, postal_code AS "postalCode", email FROM help_seeker
        WHERE lower(name) = lower($1)
          AND (($2::text IS NOT NULL AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') = $2)
            OR ($3::text IS NOT NULL AND postal_code = $3))
        ORDER BY created_at DESC LIMIT 10`,
      [name.trim(), digits, postalCode || null],
    );
  }

  /** One request with the help-seeker's contact and the ranked proposals; the read is audited. */
  async detail(id: string, staff: AuthenticatedStaff) {
    const request = await this.dataSource
      .getRepository(HelpRequest)
      .findOne({ where: { id }, relations: { helpSeeker: true, provider: true } });
    if (!request) {
      throw new NotFoundError('help request', id);
    }
    const matches = await this.dataSource.getRepository(Match).find({
      where: { requestId: id },
      relations: { volunteer: true },
      order: { rank: 'ASC' },
    });
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-request.viewed',
      entityType: 'help-request',
      entityId: id,
    });
    const { helpSeeker, provider, ...fields } = request;
    return {
      ...fields,
      // "2 × spricht die benötigte Sprache nicht": what to relax when nobody fits.
      exclusionSummary: request.matchingSummary ? summariseExclusions(request.matchingSummary) : [],
      helpSeeker: helpSeeker ?? null,
      provider: provider
        ? { id: provider.id, name: provider.name, contactPerson: provider.contactPerson }
        : null,
      matches: matches.map(({ volunteer, ...match }) => ({
        ...match,
        volunteer: volunteer
          ? { id: volunteer.id, name: volunteer.name, district: volunteer.district }
          : null,
      })),
    };
  }
}
