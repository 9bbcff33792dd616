import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import {
  AdvisoryInterviewDto,
  CreateAdvisoryInterviewDto,
} from '../../volunteers/dto/advisory-interview.dto';

/** How many opportunities one interview may shortlist (the printed catalogue's limit too). */
export const INTERVIEW_MAX_OPPORTUNITIES = 20;

/** An advisory interview and the opportunities chosen in it (none: an interview that led to nothing). */
export class RecordInterviewWithPlacementsDto extends CreateAdvisoryInterviewDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: INTERVIEW_MAX_OPPORTUNITIES,
    description:
      'published opportunities chosen with the person: each gets a placement at stage "advised" linked to ' +
      'this interview; an open placement of the pair is linked, not duplicated',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INTERVIEW_MAX_OPPORTUNITIES)
  @IsUUID('all', { each: true, message: 'must be opportunity ids' })
  opportunityIds?: string[];
}

export class InterviewPlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  opportunityId: string;

  @ApiProperty()
  opportunityTitle: string;

  @ApiProperty({ example: 'advised' })
  stage: string;

  @ApiProperty({ description: 'false when the volunteer already had this placement open (it was linked)' })
  created: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  advisoryInterviewId: string | null;
}

/** The recorded interview with the placements it led to. */
export class AdvisoryInterviewRecordedDto extends AdvisoryInterviewDto {
  @ApiProperty({ type: [InterviewPlacementDto] })
  placements: InterviewPlacementDto[];
}
