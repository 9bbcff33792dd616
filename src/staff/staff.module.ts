import { Module } from '@nestjs/common';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffSessionController } from './staff-session.controller';

@Module({
  controllers: [StaffSessionController],
  providers: [StaffAuthService, StaffAuthGuard],
  exports: [StaffAuthService, StaffAuthGuard],
})
export class StaffModule {}
