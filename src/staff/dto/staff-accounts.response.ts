import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeForm } from '../../common/api-docs';
import { STAFF_ROLES, type StaffRole } from '../staff-user.entity';

/** A staff account as the API shows it: never a hash, secret or recovery code. */
export class StaffAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Kim Koordination' })
  name: string;

  @ApiProperty({ example: 'kim@agency.example' })
  email: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;

  @ApiProperty({ example: 'de', description: 'the language of the console and of emails to this account' })
  locale: string;

  @ApiProperty({ description: 'false once deactivated: the account cannot log in' })
  active: boolean;

  @ApiProperty({ type: Date, nullable: true })
  deactivatedAt: Date | null;

  @ApiProperty({ description: 'true until the owner replaced the first (or admin-set) password' })
  passwordChangeRequired: boolean;

  @ApiProperty({ description: 'whether two-factor (authenticator app) is on' })
  twoFactor: boolean;

  @ApiProperty({ type: Date })
  createdAt: Date;
}

export class StaffSecuritySettingsResponseDto {
  @ApiProperty({ description: 'every staff member without two-factor must enrol at their next request' })
  totpRequired: boolean;
}

export class TwoFactorEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXP', description: 'the secret, for manual entry in the app' })
  secret: string;

  @ApiProperty({
    example: 'otpauth://totp/nahbar:kim%40agency.example?secret=JBSWY3DPEHPK3PXP&issuer=nahbar',
  })
  otpauthUri: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'ten single-use recovery codes, shown only this once' })
  recoveryCodes: string[];
}

export class AuditLogEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: Date })
  at: Date;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  staffUserId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for the system (jobs, self-service) or an account that no longer exists',
  })
  staffName: string | null;

  @ApiProperty({ example: 'volunteer.updated' })
  action: string;

  @ApiProperty({ example: 'volunteer' })
  entityType: string;

  @ApiProperty({ example: '1d0c5f3e-…' })
  entityId: string;

  @ApiFreeForm('what changed: before and after, or what was read')
  details: Record<string, unknown>;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto], description: 'newest first' })
  entries: AuditLogEntryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'pass as `cursor` for the next (older) page; null on the last page',
  })
  nextCursor: string | null;
}

export class MessageDto {
  @ApiProperty({ example: 'the reset email is on its way' })
  message: string;
}
