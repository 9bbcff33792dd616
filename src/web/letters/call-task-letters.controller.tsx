import { Controller, Get, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../../common/api-docs';
import { localesFor } from '../../i18n';
import type { Response } from 'express';
import { CallTasksService } from '../../matching/call-tasks.service';
import { isLocale, translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { CurrentStaff, StaffAuthGuard } from '../../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { requestWhen } from '../shell/schedule-text';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { HelpFoundLetter } from './help-found-letter';

/** The printable letter for a call task: in the language staff ask for, else the help-seeker's, else German. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/call-tasks')
export class CallTaskLettersController {
  constructor(
    private readonly tasks: CallTasksService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get(':id/letter')
  @ApiDoc(
    'Print the letter for a call task',
    'For a help-seeker without email: a printable letter (HTML) naming their volunteer and when, in the language asked for, else the help-seeker’s, else German. An audited read.',
  )
  @ApiQuery({ name: 'locale', required: false, enum: localesFor('public').map((info) => info.locale) })
  @ApiOkResponse({ description: 'the letter', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiStaffErrors(404)
  async letter(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('locale') requested: unknown,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const letter = await this.tasks.letter(id, staff);
    const t = translator(isLocale(requested, 'public') ? requested : letter.preferredLanguage, 'public');
    const html = renderPage(
      <HelpFoundLetter
        t={t}
        agency={await this.agencyProfile.get()}
        m={{
          recipient: letter.recipient,
          salutation: letter.salutation,
          volunteerName: letter.volunteerName,
          categoryText: this.taxonomy.label('categories', letter.category, t),
          whenText: requestWhen(t, letter),
          dateText: t.date(new Date(), { dateStyle: 'long' }),
        }}
      />,
    );
    sendHtml(response, 200, html);
  }
}
