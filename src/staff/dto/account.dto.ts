import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/password-policy';

/** A TOTP code (6 digits) or a recovery code (`xxxx-xxxx-xxxx`). */
export class SecondFactorDto {
  @ApiProperty({ example: '123456', description: 'the 6-digit code of the app, or a recovery code' })
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  code: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'koordination@altonavi.example' })
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'the token from the emailed link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'is not a reset token' })
  token: string;

  @ApiProperty({ description: 'at least 12 characters, not a well-known password' })
  @IsString()
  @IsAcceptablePassword()
  @MaxLength(200)
  newPassword: string;
}

export class StaffSecuritySettingsDto {
  @ApiProperty({ description: 'every staff member must enrol in TOTP two-factor at their next login' })
  @IsBoolean()
  totpRequired: boolean;
}
