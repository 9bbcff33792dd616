import { ApiProperty } from '@nestjs/swagger';

export class RevokedLinksDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 3, description: 'raised by one: every link of an older version no longer works' })
  linkVersion: number;
}
