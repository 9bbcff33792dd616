import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords/password-policy';
import { STAFF_ROLES, type StaffRole } from '../staff-user.entity';
import { localesFor } from '../../i18n';

const STAFF_LOCALES = localesFor('staff').map((info) => info.locale);

/** An admin adds a colleague; they log in with this initial password and must change it then. */
export class CreateStaffUserDto {
  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: 'must be admin or coordinator' })
  role: StaffRole;

  @ApiPropertyOptional({ enum: STAFF_LOCALES, description: 'language of their emails; default de' })
  @IsOptional()
  @IsIn(STAFF_LOCALES, { message: 'must be de or en' })
  locale?: string;

  @ApiProperty({ description: 'first password, at least 12 characters; must be changed at first login' })
  @IsString()
  @IsAcceptablePassword()
  @MaxLength(200)
  password: string;
}
