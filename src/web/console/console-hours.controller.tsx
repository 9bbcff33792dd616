import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequestValidationError, type FieldError } from '../../common/validation';
import { checkHourInput, proofPeriod, type HourProblemCode } from '../../hours/domain/hour-rules';
import { HoursSettingsService } from '../../hours/hours-settings.service';
import { HoursService } from '../../hours/hours.service';
import { isLocale, translator, type MessageKey } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { berlinDateOf } from '../../shared/berlin-time';
import { ConflictError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { formText } from '../forms/form-path';
import { EngagementProofPage } from '../letters/engagement-proof';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import {
  HoursEntryPage,
  HoursQueuePage,
  HoursSettingsPage,
  type VolunteerHoursData,
} from './pages/volunteer-hours';
import { sendPage, type ConsoleView } from './view';

const ERROR_KEYS = {
  'date-invalid': 'hours.form.error.date-invalid',
  'date-future': 'hours.form.error.date-future',
  'date-too-old': 'hours.form.error.date-too-old',
  'minutes-invalid': 'hours.form.error.minutes-invalid',
  'activity-too-long': 'hours.form.error.activity-too-long',
  'target-invalid': 'hours.form.error.target-invalid',
} as const satisfies Record<HourProblemCode, MessageKey>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where a review action leads back to: the queue, or a volunteer's hours section. Anything else: the queue. */
function backTo(back: unknown): string {
  const volunteer = typeof back === 'string' ? /^volunteer:(.+)$/.exec(back) : null;
  return volunteer && UUID.test(volunteer[1])
    ? `/console/volunteers/${volunteer[1]}?done=saved#hours`
    : '/console/hours?done=saved';
}

/** A whole number from a form field, or the text as typed (so the DTO rule names it). */
const formInteger = (value: unknown): number | string | undefined => {
  const text = formText(value);
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : text;
};

/**
 * Hours in the console: the approval queue with bulk approval, approve / correct / reject per
 * entry, hours entered by staff, the Engagementnachweis to print (audited) and the threshold
 * settings (admins). Every write goes through HoursService, which audits it.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleHoursController {
  constructor(
    private readonly hours: HoursService,
    private readonly settings: HoursSettingsService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get('hours')
  async queue(
    @View() view: ConsoleView,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const approved = typeof done === 'string' ? /^approved-(\d{1,4})$/.exec(done) : null;
    sendPage(response, 200, HoursQueuePage, {
      view,
      entries: await this.hours.list({ status: 'submitted', limit: 200 }),
      category: this.category(view),
      notice: approved
        ? view.t.t('hours.queue.approvedCount', { count: Number(approved[1]) })
        : done === 'saved'
          ? view.t.t('hours.done.saved')
          : null,
    });
  }

  @Post('hours/approve')
  async approveMany(
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const ids = (Array.isArray(body.ids) ? body.ids : [body.ids]).filter(
      (id): id is string => typeof id === 'string' && UUID.test(id),
    );
    const approved = ids.length > 0 ? await this.hours.approveMany(ids.slice(0, 500), staff) : 0;
    response.redirect(303, `/console/hours?done=approved-${approved}`);
  }

  @Post('hours/:id/approve')
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.hours.approve(id, staff);
    } catch (error) {
      // Approved or rejected meanwhile (another tab, a colleague): the page shows the current state.
      if (!(error instanceof ConflictError)) {
        throw error;
      }
    }
    response.redirect(303, backTo(body.back));
  }

  @Post('hours/:id/reject')
  async reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.hours.reject(id, staff);
    response.redirect(303, backTo(body.back));
  }

  @Post('hours/:id/correct')
  async correct(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.hours.correct(id, formInteger(body.minutes), staff);
    } catch (error) {
      if (error instanceof RequestValidationError) {
        const entry = await this.hours.entry(id);
        return this.sendEntryForm(response, view, entry.volunteerId, {}, [
          { field: 'minutes', message: view.t.t(ERROR_KEYS['minutes-invalid']) },
        ]);
      }
      throw error;
    }
    response.redirect(303, backTo(body.back));
  }

  @Get('volunteers/:id/hours')
  async entryForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    await this.sendEntryForm(response, view, id, {}, [], 200);
  }

  /** Staff enter hours: approved at once (audited). Problems show the form again (400), nothing stored. */
  @Post('volunteers/:id/hours')
  async enter(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const values = {
      workedOn: formText(body.workedOn),
      minutes: formText(body.minutes),
      activity: formText(body.activity),
      target: formText(body.target),
    };
    const raw = {
      workedOn: values.workedOn,
      minutes: formInteger(body.minutes),
      activity: values.activity,
      target: values.target ?? 'general',
    };
    const check = checkHourInput(raw, berlinDateOf(new Date()));
    if (!check.ok) {
      const problems = check.problems.map((problem) => ({
        field: problem.field,
        message: view.t.t(ERROR_KEYS[problem.code]),
      }));
      return this.sendEntryForm(response, view, id, values, problems);
    }
    try {
      await this.hours.log(id, raw, staff);
    } catch (error) {
      // Checked above; what is left is a match or placement that is not this volunteer's.
      if (error instanceof RequestValidationError) {
        return this.sendEntryForm(response, view, id, values, [
          { field: 'target', message: view.t.t(ERROR_KEYS['target-invalid']) },
        ]);
      }
      throw error;
    }
    response.redirect(303, `/console/volunteers/${id}?done=saved#hours`);
  }

  /** The Engagementnachweis to print, in the volunteer's language (or ?lang=); the print is audited. */
  @Get('volunteers/:id/proof')
  async proof(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const today = berlinDateOf(new Date());
    const period = proofPeriod({ year: query.year, from: query.from, to: query.to }, today);
    if (!period) {
      return this.sendEntryForm(response, view, id, {}, [
        { field: 'from', message: view.t.t('hours.form.periodInvalid') },
      ]);
    }
    const proof = await this.hours.proof(id, period, staff);
    const chosen = request.query.lang;
    const t = translator(
      isLocale(chosen, 'public')
        ? chosen
        : isLocale(proof.volunteer.locale, 'public')
          ? proof.volunteer.locale
          : 'de',
      'public',
    );
    sendHtml(
      response,
      200,
      renderPage(
        <EngagementProofPage
          t={t}
          agency={await this.agencyProfile.get()}
          proof={proof}
          categoryLabel={(key) => this.taxonomy.label('categories', key, t)}
          today={today}
        />,
      ),
    );
  }

  @Get('settings/hours')
  @ConsoleRoles('admin')
  async settingsPage(
    @View() view: ConsoleView,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, 200, HoursSettingsPage, {
      view,
      settings: await this.settings.get(),
      problems: [],
      notice: done === 'saved' ? view.t.t('hours.settings.saved') : null,
    });
  }

  @Post('settings/hours')
  @ConsoleRoles('admin')
  async saveSettings(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const values = {
      cardName: typeof body.cardName === 'string' ? body.cardName : '',
      hoursPerYear: formText(body.hoursPerYear),
    };
    try {
      await this.settings.update(
        { cardName: values.cardName, hoursPerYear: formInteger(body.hoursPerYear) ?? '' },
        staff,
      );
    } catch (error) {
      if (error instanceof RequestValidationError) {
        return sendPage(response, 400, HoursSettingsPage, {
          view,
          settings: await this.settings.get(),
          values,
          problems: error.fieldErrors,
          notice: null,
        });
      }
      throw error;
    }
    response.redirect(303, '/console/settings/hours?done=saved');
  }

  private category(view: ConsoleView): (key: string) => string {
    return (key) => this.taxonomy.label('categories', key, view.t);
  }

  private async sendEntryForm(
    response: Response,
    view: ConsoleView,
    volunteerId: string,
    values: Record<string, string | undefined>,
    problems: FieldError[],
    status = 400,
  ): Promise<void> {
    const data = await this.volunteerHours(volunteerId);
    const [name] = await this.hours.volunteerName(volunteerId);
    sendPage(response, status, HoursEntryPage, {
      view,
      volunteerId,
      volunteerName: name,
      data,
      category: this.category(view),
      values,
      problems,
    });
  }

  /** The profile section's data (also used by the volunteers' profile page). */
  async volunteerHours(volunteerId: string): Promise<VolunteerHoursData> {
    return loadVolunteerHours(this.hours, volunteerId);
  }
}

/** Summary, the latest entries and what hours can be entered for: the profile's "Stunden" section. */
export async function loadVolunteerHours(
  hours: HoursService,
  volunteerId: string,
): Promise<VolunteerHoursData> {
  return {
    summary: await hours.summary(volunteerId),
    entries: await hours.list({ volunteerId, limit: 50 }),
    targets: await hours.targets(volunteerId),
    today: berlinDateOf(new Date()),
  };
}
