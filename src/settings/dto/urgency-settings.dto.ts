import { ApiProperty } from '@nestjs/swagger';

export class UrgencyThresholdDto {
  @ApiProperty({ example: 4, description: 'whole number: 1–720 hours or 1–60 days' })
  amount: number;

  @ApiProperty({
    enum: ['hours', 'days'],
    description: 'working hours, or working days (an average opening day)',
  })
  unit: 'hours' | 'days';
}

export class UrgencyThresholdsDto {
  @ApiProperty({ type: UrgencyThresholdDto, example: { amount: 4, unit: 'hours' } })
  high: UrgencyThresholdDto;

  @ApiProperty({ type: UrgencyThresholdDto, example: { amount: 2, unit: 'days' } })
  normal: UrgencyThresholdDto;

  @ApiProperty({ type: UrgencyThresholdDto, example: { amount: 5, unit: 'days' } })
  low: UrgencyThresholdDto;
}

export class OpeningHoursSlotDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  weekday: number;

  @ApiProperty({ example: '09:00' })
  start: string;

  @ApiProperty({ example: '17:00' })
  end: string;
}

/** How long a request of each urgency may wait before Heute highlights it; the agency's opening hours. */
export class UrgencySettingsDto {
  @ApiProperty({ type: UrgencyThresholdsDto })
  thresholds: UrgencyThresholdsDto;

  @ApiProperty({
    type: [OpeningHoursSlotDto],
    description: 'Berlin wall-clock opening hours; empty: waiting time counts calendar hours',
  })
  openingHours: OpeningHoursSlotDto[];
}
