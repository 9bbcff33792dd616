import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { HostPageService } from './host-page.service';

class HostLinkSentDto {
  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty({ description: 'the address the link goes to (the provider’s email)' })
  sentTo: string;
}

class HostLinksRevokedDto {
  @ApiProperty({ format: 'uuid' })
  providerId: string;

  @ApiProperty({ description: 'the provider’s new link version; every link with an older one answers 410' })
  linkVersion: number;
}

/** Staff send a provider its host-page link, or revoke every link sent so far (docs/hosts.md). */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/providers/:id/host-link')
export class HostLinksApiController {
  constructor(private readonly host: HostPageService) {}

  @Post()
  @HttpCode(200)
  @ApiDoc(
    'Send a provider its host-page link',
    'Queues the host-link email to the provider’s address, in its language, through the outbox (at most one per address and hour; a repeat within the hour sends nothing new). Audited as `provider.host-link-sent`.',
  )
  @ApiOkResponse({ type: HostLinkSentDto })
  @ApiStaffErrors(404)
  async send(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HostLinkSentDto> {
    const provider = await this.host.sendLinkToProvider(id, staff);
    return { providerId: provider.id, sentTo: provider.email };
  }

  @Post('revoke')
  @HttpCode(200)
  @ApiDoc(
    'Revoke every host link of a provider',
    'Raises the provider’s link version: every host-page and review link sent before answers 410 and offers a new one. Audited as `provider.host-links-revoked`.',
  )
  @ApiOkResponse({ type: HostLinksRevokedDto })
  @ApiStaffErrors(404)
  async revoke(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HostLinksRevokedDto> {
    const { linkVersion } = await this.host.revokeLinks(id, staff);
    return { providerId: id, linkVersion };
  }
}
