import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateProviderDto {
  @ApiProperty({ example: 'Seniorentreff Ottensen' })
  @IsString()
  @MinLength(2)
  @MaxLength(160)
  name: string;

  @ApiProperty({ example: 'Aylin Demir' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  contactPerson: string;

  @ApiProperty({ example: 'kontakt@seniorentreff.example' })
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '040 3901234' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()/-]{5,30}$/, { message: 'must be a phone number (digits, spaces, +, -, /)' })
  phone?: string;

  @ApiProperty({ example: 'Bahrenfelder Straße 12' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  streetAddress: string;

  @ApiProperty({ example: '22765' })
  @Matches(/^\d{5}$/, { message: 'must be a German postal code of 5 digits' })
  postalCode: string;

  @ApiProperty({ example: ['SEN', 'NBH'] })
  @ArrayMaxSize(16)
  @IsString({ each: true })
  fieldsOfActivity: string[];
}

/** Any field may change; `active: false` keeps the provider and its history but hides it from new work. */
export class UpdateProviderDto extends PartialType(CreateProviderDto) {
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
