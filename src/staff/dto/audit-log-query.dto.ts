import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/dto/field-validators';

/** Action and subject type codes: "match.approved", "help-seeker". */
const CODE = /^[a-z0-9][a-z0-9.-]*$/;

/** The audit-log viewer's filters (API query and console form alike); all optional. */
export class AuditLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the staff member who acted' })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;

  @ApiPropertyOptional({ example: 'help-seeker.contact-viewed' })
  @IsOptional()
  @MaxLength(100)
  @Matches(CODE)
  action?: string;

  @ApiPropertyOptional({ example: 'help-seeker' })
  @IsOptional()
  @MaxLength(50)
  @Matches(CODE)
  entityType?: string;

  @ApiPropertyOptional({ description: 'the subject id (with entityType)' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9:_.-]+$/)
  entityId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day (Europe/Berlin), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day (Europe/Berlin), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The CSV export: the same filters, and the separator (`;` for German Excel). */
export class AuditLogExportQueryDto extends AuditLogQueryDto {
  @ApiPropertyOptional({ enum: ['comma', 'semicolon'], default: 'semicolon' })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  separator?: 'comma' | 'semicolon';
}
