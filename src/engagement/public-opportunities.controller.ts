import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, Max, Min } from 'class-validator';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { API_TAGS, ApiDoc, ApiPublicErrors } from '../common/api-docs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AgencyProfileService } from '../settings/agency-profile.service';
import { PublicOpportunityFeedDto, type PublicOpportunityDto } from './dto/public-opportunity.response';
import { OpportunitySearchService, type PublicOpportunity } from './opportunity-search.service';

class FeedQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only opportunities changed after this instant.' })
  @IsOptional()
  @IsDateString()
  updatedSince?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** The read-only feed of published opportunities for partner websites (no login). */
@ApiTags(API_TAGS.public)
@Controller('api/public/opportunities')
export class PublicOpportunitiesController {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly agencyProfile: AgencyProfileService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiDoc(
    'Feed of published opportunities',
    'Published opportunities (Engagementangebote) for partner websites, oldest change first; poll with `updatedSince` set to the last `updatedAt` you saw. ' +
      'Only `published` ones; no personal contact data beyond the contact person’s name and the agency’s contact. ' +
      'Answers carry an `ETag` (send it back as `If-None-Match` for a `304`) and `Cache-Control: public, max-age=300`. Field meanings: docs/engagement-platform.md.',
  )
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a previous answer.' })
  @ApiOkResponse({ type: PublicOpportunityFeedDto })
  @ApiNotModifiedResponse({ description: 'Nothing changed since the ETag sent.' })
  @ApiPublicErrors()
  async feed(
    @Query() query: FeedQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [outcome, agency] = await Promise.all([
      this.search.feed({
        updatedSince: query.updatedSince ? new Date(query.updatedSince) : undefined,
        page,
        pageSize,
      }),
      this.agencyProfile.get(),
    ]);
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
    const body: PublicOpportunityFeedDto = {
      items: outcome.rows.map((row) => feedItem(row, agency, base)),
      page,
      pageSize,
      hasNext: outcome.hasNext,
    };
    const json = JSON.stringify(body);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'public, max-age=300');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      response.status(304).end();
      return;
    }
    response.status(200).type('application/json').send(json);
  }
}

function feedItem(
  row: PublicOpportunity,
  agency: { name: string; email: string; phone: string },
  base: string,
): PublicOpportunityDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    tasks: row.tasks,
    organisation: row.host,
    fieldsOfActivity: row.fieldsOfActivity,
    remote: row.remote,
    postalCode: row.postalCode,
    district: row.district,
    streetAddress: row.streetAddress,
    latitude: row.latitude,
    longitude: row.longitude,
    timePattern: row.timePattern,
    minCommitmentMonths: row.minCommitmentMonths,
    places: row.places,
    requiresCertificate: row.requiresCertificate,
    minimumAge: row.minimumAge,
    languages: row.languages,
    skills: row.skills,
    forNewcomers: row.forNewcomers,
    littleGermanOk: row.littleGermanOk,
    accessible: row.accessible,
    hostOffers: row.hostOffers,
    contact: {
      name: row.contactName,
      agency: agency.name,
      agencyEmail: agency.email,
      agencyPhone: agency.phone,
    },
    url: `${base}/engagement/${row.id}`,
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
