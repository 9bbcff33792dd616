import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { RetentionSettingsDto } from './dto/retention-settings.dto';
import { RetentionSettingsService } from './retention-settings.service';

/** The retention periods (see docs/privacy.md#retention); admins only. */
@ApiTags('staff')
@ApiCookieAuth()
@Controller('api/staff/settings/retention')
export class RetentionSettingsController {
  constructor(private readonly retention: RetentionSettingsService) {}

  @Get()
  @RequireRole('admin')
  get() {
    return this.retention.get();
  }

  /** All four periods at once, validated (whole numbers within their ranges) and audited. */
  @Put()
  @RequireRole('admin')
  update(@Body() body: RetentionSettingsDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.retention.update(body, staff);
  }
}
