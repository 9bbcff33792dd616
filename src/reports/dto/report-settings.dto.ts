import { ApiProperty } from '@nestjs/swagger';

export class ReportSettingsDto {
  @ApiProperty({
    example: true,
    description: 'coordinators may read the reports (page, CSV, API); admins always may',
  })
  reportsForCoordinators: boolean;
}
