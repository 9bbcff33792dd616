import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsPhoneNumber, IsPostalCode } from '../../common/dto/field-validators';

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
  @IsPhoneNumber()
  phone?: string;

  @ApiProperty({ example: 'Bahrenfelder Straße 12' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  streetAddress: string;

  @ApiProperty({ example: '22765' })
  @IsPostalCode()
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
