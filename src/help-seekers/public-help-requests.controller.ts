import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PublicHelpRequestDto } from './dto/create-help-request.dto';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';

@ApiTags('public')
@Controller('api/public/help-requests')
export class PublicHelpRequestsController {
  constructor(private readonly helpRequests: HelpRequestsService) {}

  /** A help-seeker, or a relative for them, asks for help. Answers only with the request's id and status. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'stored; matching is queued' })
  submit(@Body() body: PublicHelpRequestDto): Promise<CreatedHelpRequest> {
    return this.helpRequests.submitPublic(body);
  }
}
