import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { AuditLogReader } from './audit-log-reader.service';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';
import { RequireRole } from './require-role';

/** The audit log for admins (coordinators get 403): filtered, newest first, keyset pages. */
@ApiTags('staff')
@ApiCookieAuth()
@Controller('api/staff/audit')
export class AuditLogController {
  constructor(private readonly reader: AuditLogReader) {}

  @Get()
  @RequireRole('admin')
  list(@Query() query: AuditLogQueryDto) {
    return this.reader.page(query);
  }
}
