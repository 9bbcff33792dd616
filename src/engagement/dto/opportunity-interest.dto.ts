import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** "Ich interessiere mich": who is interested, how to reach them, and their consent. */
export class OpportunityInterestDto {
  @ApiProperty({ example: 'Jonas Beispiel' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ example: 'jonas@example.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '040 123456' })
  @IsOptional()
  @IsString()
  @Matches(/^[+0-9 ()/-]{5,30}$/)
  phone?: string;

  @ApiProperty({ example: '22765' })
  @Matches(/^\d{5}$/)
  postalCode: string;

  @ApiPropertyOptional({ description: 'A line about themselves, for the advisory interview.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiProperty({ description: 'consent to the privacy text (volunteer pool)' })
  @Equals(true)
  consent: boolean;
}
