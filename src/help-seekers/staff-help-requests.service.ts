import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { summariseExclusions } from '../matching/domain';
import { HelpRequest, HelpRequestStatus } from './help-request.entity';
import { HelpSeeker } from './help-seeker.entity';

@Injectable()
export class StaffHelpRequestsService {
  constructor(
    @InjectRepository(HelpRequest) private readonly requests: Repository<HelpRequest>,
    @InjectRepository(HelpSeeker) private readonly seekers: Repository<HelpSeeker>,
  ) {}

  /** The work list: no contact data, oldest first, so what has waited longest is seen first. */
  async list(status: HelpRequestStatus | undefined, limit: number) {
    const requests = await this.requests.find({
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
    return this.seekers.query(
      `SELECT id, name, phone, postal_code AS "postalCode", email FROM help_seeker
        WHERE lower(name) = lower($1)
          AND (($2::text IS NOT NULL AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') = $2)
            OR ($3::text IS NOT NULL AND postal_code = $3))
        ORDER BY created_at DESC LIMIT 10`,
      [name.trim(), digits, postalCode || null],
    );
  }
}
