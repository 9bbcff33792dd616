import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogController } from './audit-log.controller';
import { AuditLogReader } from './audit-log-reader.service';
import { StaffPasswordReset } from './staff-password-reset.entity';
import { StaffPasswordResetService } from './staff-password-reset.service';
import { StaffSession } from './staff-session.entity';
import { StaffTwoFactorService } from './staff-two-factor.service';
import { StaffUser } from './staff-user.entity';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffAccountController } from './staff-account.controller';
import { StaffSessionController } from './staff-session.controller';
import { StaffUsersController } from './staff-users.controller';
import { StaffUsersService } from './staff-users.service';
import { StaffPasswordLinksService } from './staff-password-links.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser, StaffSession, StaffPasswordReset])],
  controllers: [StaffSessionController, StaffUsersController, StaffAccountController, AuditLogController],
  providers: [
    StaffAuthService,
    StaffAuthGuard,
    StaffUsersService,
    StaffTwoFactorService,
    StaffPasswordResetService,
    AuditLogReader,
    StaffPasswordLinksService,
  ],
  exports: [
    StaffAuthService,
    StaffAuthGuard,
    StaffUsersService,
    StaffTwoFactorService,
    StaffPasswordResetService,
    AuditLogReader,
    StaffPasswordLinksService,
  ],
})
export class StaffModule {}
