import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProvidersService } from '../../providers/providers.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { HostPageService } from '../host/host-page.service';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { RevokeHostLinksPage } from './pages/provider-host-links';
import { sendPage, type ConsoleView } from './view';

/**
 * The provider page's host-link buttons (docs/hosts.md): "Link an Träger senden" queues the
 * host-link email; "Alle Links ungültig machen" asks once more, then raises the link version.
 * Both audited by HostPageService; the same work is in the API (HostLinksApiController).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/providers/:id/host-link')
export class ConsoleHostLinksController {
  constructor(
    private readonly host: HostPageService,
    private readonly providers: ProvidersService,
  ) {}

  @Post()
  async send(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.host.sendLinkToProvider(id, staff);
    response.redirect(303, `/console/providers/${id}?done=host-link-sent#host-links-heading`);
  }

  @Get('revoke')
  async confirmRevoke(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const provider = await this.providers.get(id);
    sendPage(response, 200, RevokeHostLinksPage, { view, provider });
  }

  @Post('revoke')
  async revoke(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    if (body?.confirm !== 'yes') {
      // Without the confirm step's field: back to the question, nothing changed.
      response.redirect(303, `/console/providers/${id}/host-link/revoke`);
      return;
    }
    await this.host.revokeLinks(id, staff);
    response.redirect(303, `/console/providers/${id}?done=host-links-revoked#host-links-heading`);
  }
}
