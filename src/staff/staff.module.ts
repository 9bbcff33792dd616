import { Module } from '@nestjs/common';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffSessionController } from './staff-session.controller';
import { StaffUsersService } from './staff-users.service';

@Module({
  controllers: [StaffSessionController],
  providers: [StaffAuthService, StaffAuthGuard, StaffUsersService],
  exports: [StaffAuthService, StaffAuthGuard, StaffUsersService],
})
export class StaffModule {}
