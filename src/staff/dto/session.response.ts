import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffRole } from '../staff-user.entity';

export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Kim Koordination' })
  name: string;

  @ApiProperty({ example: 'kim@agency.example' })
  email: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;
}

export class StaffSessionDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <token>`; also set as an HttpOnly cookie' })
  token: string;

  @ApiProperty({ type: Date })
  expiresAt: Date;

  @ApiProperty({ type: StaffMemberDto })
  staff: StaffMemberDto;
}

export class WhoAmIDto {
  @ApiProperty({ type: StaffMemberDto })
  staff: StaffMemberDto;
}
