import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../../help-seekers/domain/request-status';

/** What a bulk action did with one request. */
export class BulkItemResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['done', 'refused'] })
  result: 'done' | 'refused';

  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES, description: 'the new status (done)' })
  status?: HelpRequestStatus;

  @ApiPropertyOptional({ example: 'conflict', description: 'the error code (refused)' })
  code?: string;

  @ApiPropertyOptional({ example: 'the request is already done', description: 'why it was refused' })
  why?: string;
}

export class BulkResultDto {
  @ApiProperty({ type: [BulkItemResultDto], description: 'one entry per distinct id, in the order given' })
  results: BulkItemResultDto[];
}
