import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ApiFreeForm } from '../../common/api-docs';

export class OpportunityFitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'how many to rank at most' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    example: 'SEN',
    description: 'only this field of activity (taxonomy key); unknown keys are a 400',
  })
  @IsOptional()
  @MaxLength(80)
  field?: string;
}

export class VolunteerFitQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    description: 'how many to rank at most (default: 3 per open place, at least 10)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class LocalizedTextDto {
  @ApiProperty({ example: '1,2 km entfernt' })
  de: string;

  @ApiProperty({ example: '1.2 km away' })
  en: string;
}

export class FitCriterionDto {
  @ApiProperty({ description: 'false when the criterion says nothing here (weight 0)' })
  applicable: boolean;

  @ApiProperty({ minimum: 0, maximum: 1 })
  fit: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'normalised weight' })
  weight: number;

  @ApiProperty({ description: 'fit × weight × 100' })
  points: number;

  @ApiProperty({ type: LocalizedTextDto })
  explanation: LocalizedTextDto;
}

export class FitScoreDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  score: number;

  @ApiProperty({ nullable: true, type: Number, description: 'null for remote opportunities' })
  distanceKm: number | null;

  @ApiFreeForm('criterion (interests, skills, distance, availability, language, newcomer) → FitCriterionDto')
  breakdown: Record<string, FitCriterionDto>;
}

export class FitOpportunitySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty()
  providerName: string;

  @ApiProperty({ type: [String] })
  fieldsOfActivity: string[];

  @ApiProperty()
  remote: boolean;

  @ApiProperty({ nullable: true, type: String })
  postalCode: string | null;

  @ApiProperty({ nullable: true, type: String })
  district: string | null;

  @ApiFreeForm('time pattern: weekly slots, flexible hours or a one-off date')
  timePattern: Record<string, unknown>;

  @ApiProperty()
  places: number;

  @ApiProperty({ description: 'places minus placements that have started' })
  openPlaces: number;

  @ApiProperty()
  status: string;
}

export class FitVolunteerSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ nullable: true, type: String })
  district: string | null;

  @ApiProperty({ nullable: true, type: String })
  postalCode: string | null;
}

export class RankedOpportunityDto {
  @ApiProperty({ type: FitOpportunitySummaryDto })
  opportunity: FitOpportunitySummaryDto;

  @ApiProperty({ type: FitScoreDto })
  fit: FitScoreDto;
}

export class OpportunityInPlacementDto {
  @ApiProperty({ type: FitOpportunitySummaryDto })
  opportunity: FitOpportunitySummaryDto;

  @ApiProperty({ example: 'advised' })
  stage: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;
}

export class OpportunitiesForVolunteerDto {
  @ApiProperty({ type: FitVolunteerSummaryDto })
  volunteer: FitVolunteerSummaryDto;

  @ApiProperty({ type: [RankedOpportunityDto], description: 'best first' })
  ranked: RankedOpportunityDto[];

  @ApiProperty({
    type: [OpportunityInPlacementDto],
    description: 'already in placement (bereits in Vermittlung)',
  })
  inPlacement: OpportunityInPlacementDto[];

  @ApiFreeForm('hard rule → how many opportunities it excluded among those considered')
  exclusionCounts: Record<string, number>;

  @ApiProperty()
  considered: number;
}

export class RankedVolunteerDto {
  @ApiProperty({ type: FitVolunteerSummaryDto })
  volunteer: FitVolunteerSummaryDto;

  @ApiProperty({ type: FitScoreDto })
  fit: FitScoreDto;
}

export class VolunteerInPlacementDto {
  @ApiProperty({ type: FitVolunteerSummaryDto })
  volunteer: FitVolunteerSummaryDto;

  @ApiProperty({ example: 'proposed' })
  stage: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;
}

export class VolunteersForOpportunityDto {
  @ApiProperty({ type: FitOpportunitySummaryDto })
  opportunity: FitOpportunitySummaryDto;

  @ApiProperty({ type: [RankedVolunteerDto], description: 'best first' })
  ranked: RankedVolunteerDto[];

  @ApiProperty({ type: [VolunteerInPlacementDto] })
  inPlacement: VolunteerInPlacementDto[];

  @ApiFreeForm('hard rule → how many volunteers it excluded among those considered')
  exclusionCounts: Record<string, number>;

  @ApiProperty()
  considered: number;
}
