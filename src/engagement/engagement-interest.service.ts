import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../shared/domain-error';
import { PlacementStagesService } from '../placements/placement-stages.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import type { OpportunityInterestDto } from './dto/opportunity-interest.dto';
import { OpportunitySearchService } from './opportunity-search.service';

/** Interested volunteers start at 10 km; staff adjust it in the advisory interview. */
const DEFAULT_TRAVEL_KM = 10;

/**
 * "Ich interessiere mich" on a published opportunity: the volunteer signs up (or is found by the
 * address) through VolunteersService, then a placement opens at "interested" with the form's line
 * as the event note. Opening is idempotent, so a second submit changes nothing.
 */
@Injectable()
export class EngagementInterestService {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly volunteers: VolunteersService,
    private readonly placements: PlacementStagesService,
  ) {}

  async register(opportunityId: string, dto: OpportunityInterestDto, locale: string): Promise<void> {
    if (!(await this.search.published(opportunityId))) {
      throw new NotFoundError('opportunity', opportunityId);
    }
    const volunteer = await this.volunteers.signUpForInterest({
      name: dto.name,
      email: dto.email,
      phone: dto.phone,
      postalCode: dto.postalCode,
      maxTravelKm: DEFAULT_TRAVEL_KM,
      languages: [],
      skills: [],
      availability: [],
      locale,
    });
    if (!volunteer) {
      return; // an erased volunteer's address: nothing to link, and the page says the same
    }
    await this.placements.open({
      volunteerId: volunteer.volunteerId,
      opportunityId,
      source: 'public-interest',
      note: dto.note?.trim() || null,
    });
  }
}
