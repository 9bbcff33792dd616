import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { isHoneypotFilled } from '../abuse-protection/abuse-protection.service';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { PublicHelpRequestDto } from './dto/create-help-request.dto';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';

@ApiTags('public')
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
  @ApiCreatedResponse({ description: 'stored; in staff review, or matching is queued' })
  @ApiTooManyRequestsResponse({ description: 'too many submissions from this address or for this email' })
  async submit(@Body() body: PublicHelpRequestDto, @Ip() ip: string): Promise<CreatedHelpRequest> {
    if (isHoneypotFilled(body.website)) {
      // A bot: it gets the answer it expects, and nothing is stored.
      return { id: randomUUID(), status: 'in-review' };
    }
    await this.abuse.admit('help-request', ip, body.helpSeeker.email);
    return this.helpRequests.submitPublic(body);
  }
}
