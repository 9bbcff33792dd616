import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { AuditLogPageDto } from './dto/staff-accounts.response';
import { AuditLogReader } from './audit-log-reader.service';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';
import { RequireRole } from './require-role';

/** The audit log for admins (coordinators get 403): filtered, newest first, keyset pages. */
@ApiTags(API_TAGS.admin)
@ApiStaffAuth()
@Controller('api/staff/audit')
export class AuditLogController {
  constructor(private readonly reader: AuditLogReader) {}

  @Get()
  @RequireRole('admin')
  @ApiDoc(
    'The audit log (admin)',
    'Who did what to which record and when (staff edits with before and after, reads of personal data), newest first, filtered; page on with `cursor`.',
  )
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiStaffErrors()
  list(@Query() query: AuditLogQueryDto) {
    return this.reader.page(query);
  }
}
