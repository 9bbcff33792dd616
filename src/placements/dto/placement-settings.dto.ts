import { ApiProperty } from '@nestjs/swagger';

export class StuckAfterDaysDto {
  @ApiProperty({ example: 7 })
  interested: number;

  @ApiProperty({ example: 7 })
  advised: number;

  @ApiProperty({ example: 10 })
  proposed: number;

  @ApiProperty({ example: 14 })
  'host-contacted': number;

  @ApiProperty({ example: 21 })
  trial: number;
}

export class PlacementSettingsDto {
  @ApiProperty({
    type: StuckAfterDaysDto,
    description: 'days at each stage (1–365) before Heute lists it as stuck',
  })
  stuckAfterDays: StuckAfterDaysDto;

  @ApiProperty({ example: 10, description: 'weeks after "started" the follow-up goes to both sides (1–52)' })
  followUpWeeks: number;

  @ApiProperty({ example: 7, description: 'days a proposal waits for the host before a reminder (1–60)' })
  hostReminderDays: number;

  @ApiProperty({ example: 3, description: 'months between a host’s confirmations of an offer (1–12)' })
  reviewIntervalMonths: number;

  @ApiProperty({ example: 14, description: 'days before the review-by date the host is reminded (1–60)' })
  reviewReminderDays: number;

  @ApiProperty({ description: 'opportunities hosts submit wait for staff review' })
  reviewHostSubmissions: boolean;
}
