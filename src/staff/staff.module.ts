import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffSession } from './staff-session.entity';
import { StaffUser } from './staff-user.entity';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffAuthService } from './staff-auth.service';
import { StaffSessionController } from './staff-session.controller';
import { StaffUsersService } from './staff-users.service';
import { StaffPasswordLinksService } from './staff-password-links.service';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser, StaffSession])],
  controllers: [StaffSessionController],
  providers: [StaffAuthService, StaffAuthGuard, StaffUsersService, StaffPasswordLinksService],
  exports: [StaffAuthService, StaffAuthGuard, StaffUsersService, StaffPasswordLinksService],
})
export class StaffModule {}
