import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/password-policy';
import { STAFF_ROLES, type StaffRole } from '../staff-user.entity';

/** An admin adds a colleague; they log in with this initial password. */
export class CreateStaffUserDto {
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;

  @IsIn(STAFF_ROLES, { message: 'must be admin or coordinator' })
  role: StaffRole;

  @IsString()
  @IsAcceptablePassword()
  @MaxLength(200)
  password: string;
}
