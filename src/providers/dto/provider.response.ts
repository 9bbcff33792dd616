import { ApiProperty } from '@nestjs/swagger';

/** An organisation (Einsatzstelle) that offers volunteering opportunities. */
export class ProviderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Nachbarschaftstreff Ottensen' })
  name: string;

  @ApiProperty()
  contactPerson: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty()
  streetAddress: string;

  @ApiProperty({ example: '22765' })
  postalCode: string;

  @ApiProperty()
  latitude: number;

  @ApiProperty()
  longitude: number;

  @ApiProperty({ type: String, nullable: true })
  district: string | null;

  @ApiProperty({ type: [String] })
  fieldsOfActivity: string[];

  @ApiProperty()
  active: boolean;

  @ApiProperty({
    enum: ['pending', 'approved'],
    description: '`pending`: signed up on the public page, not yet reviewed',
  })
  reviewStatus: 'pending' | 'approved';

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date })
  updatedAt: Date;
}
