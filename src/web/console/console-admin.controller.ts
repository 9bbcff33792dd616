import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { RequestValidationError, type FieldError } from '../../common/validation';
import { listSinkMessages } from '../../notifications/mail-sink';
import { CreateProviderDto, UpdateProviderDto } from '../../providers/dto/create-provider.dto';
import { ProvidersService } from '../../providers/providers.service';
import { MatchingSettingsService } from '../../settings/matching-settings.service';
import { CRITERIA } from '../../matching/domain/types';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { AgencyProfileDto } from '../../settings/dto/agency-profile.dto';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { formCheckbox, formList, formNumber, formText } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import { AgencyPage, agencyForm, type AgencyForm } from './pages/agency.page';
import { labelsFor } from './pages/labels';
import { MailPage, type OutboxRow } from './pages/mail.page';
import {
  EMPTY_PROVIDER,
  ProviderFormPage,
  ProviderListPage,
  type ProviderForm,
} from './pages/providers.page';
import { SettingsPage } from './pages/settings.page';
import { sendPage, type ConsoleView } from './view';
import { OpportunitiesService } from '../../opportunities/opportunities.service';

function readProviderForm(body: Record<string, unknown>): ProviderForm {
  return {
    name: formText(body.name) ?? '',
    contactPerson: formText(body.contactPerson) ?? '',
    email: formText(body.email) ?? '',
    phone: formText(body.phone) ?? '',
    streetAddress: formText(body.streetAddress) ?? '',
    postalCode: formText(body.postalCode) ?? '',
    fieldsOfActivity: formList(body.fieldsOfActivity),
    active: formCheckbox(body.active),
  };
}

const providerDto = ({ phone, active: _active, ...form }: ProviderForm) => ({
  ...form,
  phone: phone || undefined,
});

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/providers')
export class ConsoleProvidersController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly taxonomy: TaxonomyService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  @Get()
  async list(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    sendPage(response, 200, ProviderListPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      providers: await this.providers.list(),
      notice: noticeOf(view, done),
    });
  }

  @Get('new')
  newForm(@View() view: ConsoleView, @Res() response: Response): void {
    sendPage(response, 200, ProviderFormPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      form: EMPTY_PROVIDER,
    });
  }

  @Get(':id')
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const provider = await this.providers.get(id);
    const [projects, opportunities] = await Promise.all([
      this.opportunities.projectsOf(id),
      this.opportunities.opportunitiesOf(id),
    ]);
    sendPage(response, 200, ProviderFormPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      form: { ...provider, phone: provider.phone ?? '' },
      id,
      hostWork: { projects, opportunities },
      done: typeof done === 'string' ? done : undefined,
    });
  }

  @Post()
  async create(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = readProviderForm(body);
    await this.save(view, response, form, undefined, CreateProviderDto, providerDto(form), (dto) =>
      this.providers.register(dto, staff),
    );
  }

  /** A provider that signed up on the public pages, checked by staff: approved and active. */
  @Post(':id/approve')
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.providers.approve(id, staff);
    response.redirect(303, '/console/providers?done=provider-approved');
  }

  @Post(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = readProviderForm(body);
    await this.save(
      view,
      response,
      form,
      id,
      UpdateProviderDto,
      { ...providerDto(form), active: form.active },
      (dto) => this.providers.update(id, dto, staff),
    );
  }

  private save<T extends object>(
    view: ConsoleView,
    response: Response,
    form: ProviderForm,
    id: string | undefined,
    dtoClass: new () => T,
    plain: Record<string, unknown>,
    action: (dto: T) => Promise<unknown>,
  ): Promise<void> {
    return submitForm(response, {
      t: view.t,
      dtoClass,
      plain,
      action,
      redirectTo: '/console/providers?done=saved',
      showErrors: (problems) => {
        sendPage(response, 400, ProviderFormPage, {
          view,
          labels: labelsFor(this.taxonomy.taxonomy, view.t),
          form,
          id,
          problems,
        });
        return Promise.resolve();
      },
    });
  }
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/mail')
export class ConsoleMailController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The outbox with each email's status; in demo mode also what the mail sink received. */
  @Get()
  async mail(@View() view: ConsoleView, @Res() response: Response): Promise<void> {
    const [outbox, sink] = await Promise.all([
      this.dataSource.query<OutboxRow[]>(
        `SELECT n.id, n.kind, n.recipient, n.status, n.attempts, n.last_error AS "lastError",
                n.created_at AS "createdAt", n.sent_at AS "sentAt", m.request_id AS "requestId"
           FROM (SELECT * FROM notification ORDER BY created_at DESC LIMIT 200) n
           LEFT JOIN match m ON m.id = n.subject_id
          ORDER BY n.created_at DESC`,
      ),
      this.config.MAIL_SINK_ENABLED
        ? listSinkMessages(resolve(this.config.MAIL_SINK_DIR), 100)
        : Promise.resolve(null),
    ]);
    sendPage(response, 200, MailPage, { view, outbox, sink });
  }
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings')
export class ConsoleSettingsController {
  constructor(private readonly settings: MatchingSettingsService) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    sendPage(response, 200, SettingsPage, {
      view,
      settings: await this.settings.get(),
      notice: noticeOf(view, done),
    });
  }

  /** Weights and caps; the settings service validates field by field and audits the change. */
  @Post('matching')
  async saveMatching(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const weights = Object.fromEntries(
      CRITERIA.map((criterion) => [criterion, formNumber(body[`weight.${criterion}`])]),
    );
    const change = {
      policy: { weights, maxProposals: formNumber(body.maxProposals) },
      offerResponseHours: formNumber(body.offerResponseHours),
      offerLeadHours: formNumber(body.offerLeadHours),
      autoOffer: formCheckbox(body.autoOffer),
    };
    try {
      await this.settings.update(change, staff);
      response.redirect(303, '/console/settings?done=settings-saved');
    } catch (error) {
      if (!(error instanceof RequestValidationError)) {
        throw error;
      }
      await this.showErrors(view, response, error.fieldErrors);
    }
  }

  private async showErrors(view: ConsoleView, response: Response, problems: FieldError[]): Promise<void> {
    sendPage(response, 400, SettingsPage, {
      view,
      settings: await this.settings.get(),
      problems,
    });
  }
}

/** The form's fields as the API's AgencyProfileDto; empty optional links are left out. */
const agencyDto = (form: AgencyForm): Record<string, unknown> =>
  Object.fromEntries(Object.entries(form).filter(([, value]) => value !== ''));

/**
 * The agency profile (name, contact, imprint …) that every public page, email and letter shows.
 * Any staff member may read it; only admins change it (the service audits before and after).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/settings/agency')
export class ConsoleAgencyController {
  constructor(private readonly agency: AgencyProfileService) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const saved = await this.agency.get();
    sendPage(response, 200, AgencyPage, {
      view,
      form: agencyForm(saved),
      saved,
      canEdit: staff.role === 'admin',
      notice: noticeOf(view, done),
    });
  }

  @Post()
  @ConsoleRoles('admin')
  async save(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = agencyForm(
      Object.fromEntries(Object.entries(body).map(([key, value]) => [key, formText(value)])),
    );
    await submitForm(response, {
      t: view.t,
      dtoClass: AgencyProfileDto,
      plain: agencyDto(form),
      action: (dto) => this.agency.update(dto, staff),
      redirectTo: '/console/settings/agency?done=agency-saved',
      showErrors: async (problems) => {
        sendPage(response, 400, AgencyPage, {
          view,
          form,
          saved: await this.agency.get(),
          canEdit: true,
          problems,
        });
      },
    });
  }
}
