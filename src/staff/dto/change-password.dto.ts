import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/password-policy';

/** A staff member changes their own password: the current one proves it is them. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'at least 12 characters, not a well-known password' })
  @IsString()
  @IsAcceptablePassword()
  @MaxLength(200)
  newPassword: string;
}
