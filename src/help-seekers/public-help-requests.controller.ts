import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiPublicErrors } from '../common/api-docs';
import { isHoneypotFilled } from '../abuse-protection/abuse-protection.service';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { PublicHelpRequestDto } from './dto/create-help-request.dto';
import { CreatedHelpRequestDto } from './dto/help-request.response';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';

@ApiTags(API_TAGS.public)
@Controller('api/public/help-requests')
export class PublicHelpRequestsController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  /**
   * A help-seeker, or a relative for them, asks for help. Answers only with the request's id and
   * status: `in-review` while the agency reviews public requests first (the default), else `matching`.
   */
  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Ask for help (public form)',
    'A help-seeker, or a relative for them, asks the agency for help: what, where, when, and how to reach them, with their consent. ' +
      'The request waits in staff review (`in-review`) when the agency reviews public requests first (the default), else matching starts at once (`matching`). ' +
      'Rate-limited per address and per email.',
  )
  @ApiCreatedResponse({
    type: CreatedHelpRequestDto,
    description: 'stored; in staff review, or matching is queued',
  })
  @ApiPublicErrors(413, 429)
  async submit(@Body() body: PublicHelpRequestDto, @Ip() ip: string): Promise<CreatedHelpRequest> {
    if (isHoneypotFilled(body.website)) {
      // A bot: it gets the answer it expects, and nothing is stored.
      return { id: randomUUID(), status: 'in-review' };
    }
    await this.abuse.admit('help-request', ip, body.helpSeeker.email);
    return this.helpRequests.submitPublic(body);
  }
}
