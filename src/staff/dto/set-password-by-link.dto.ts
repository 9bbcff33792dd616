import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/password-policy';

/** A staff member chooses a password through a single-use set-password link. */
export class SetPasswordByLinkDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @IsString()
  @IsAcceptablePassword()
  @MaxLength(200)
  password: string;
}
