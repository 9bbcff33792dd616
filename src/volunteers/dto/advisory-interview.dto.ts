import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/dto/field-validators';

const TEXT_MAX = 2000;

/** An advisory interview (Beratungsgespräch) as staff record it; every field but the date optional. */
export class CreateAdvisoryInterviewDto {
  @ApiProperty({ example: '2026-12-03', description: 'the day it was held (not in the future)' })
  @IsCalendarDate()
  heldOn: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'who led it; default: the staff member recording it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a staff member id' })
  adviserStaffId?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX, example: 'möchte nach der Rente etwas Sinnvolles tun' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  motivation?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'zwei Nachmittage pro Woche' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  timeBudget?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Fahrrad, HVV-Abo' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  mobility?: string;

  @ApiPropertyOptional({ type: [String], description: 'keys of the field-of-activity taxonomy' })
  @IsOptional()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  interests?: string[];

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  nextSteps?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  notes?: string;
}

export class AdvisoryInterviewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  volunteerId: string;

  @ApiProperty({ example: '2026-12-03' })
  heldOn: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  adviserStaffId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the adviser’s name' })
  adviserName: string | null;

  @ApiProperty({ type: String, nullable: true })
  motivation: string | null;

  @ApiProperty({ type: String, nullable: true })
  timeBudget: string | null;

  @ApiProperty({ type: String, nullable: true })
  mobility: string | null;

  @ApiProperty({ type: [String] })
  interests: string[];

  @ApiProperty({ type: String, nullable: true })
  nextSteps: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;
}
