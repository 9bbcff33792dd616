import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogController } from './audit-log.controller';
import { AuditLogReader } from './audit-log-reader.service';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffSessionController } from './staff-session.controller';
import { StaffUsersService } from './staff-users.service';
import { StaffPasswordLinksService } from './staff-password-links.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser, StaffSession])],
  controllers: [StaffSessionController, AuditLogController],
  providers: [StaffAuthService, StaffAuthGuard, StaffUsersService, AuditLogReader, StaffPasswordLinksService],
  exports: [StaffAuthService, StaffAuthGuard, StaffUsersService, AuditLogReader, StaffPasswordLinksService],
})
export class StaffModule {}
