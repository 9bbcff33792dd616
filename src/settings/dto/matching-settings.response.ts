import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeForm } from '../../common/api-docs';

/** How matching weighs and when offers go out. */
export class MatchingSettingsDto {
  @ApiFreeForm('weights per criterion, caps and escalation rules of the ranking')
  policy: Record<string, unknown>;

  @ApiProperty({ example: 48, description: 'how long a volunteer has to answer an offer' })
  offerResponseHours: number;

  @ApiProperty({
    example: 24,
    description:
      'an offer must be answered at least this many hours before the appointment (the deadline is the earlier of the two); with less time left the request escalates',
  })
  offerLeadHours: number;

  @ApiProperty({ description: 'after a decline or expiry, offer the next candidate at once' })
  autoOffer: boolean;

  @ApiProperty({ description: 'requests from the public pages wait in staff review first' })
  reviewPublicRequestsFirst: boolean;
}
