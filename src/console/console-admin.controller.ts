import {
  Body,
  Controller,
  Get,
  Header,
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
import { APP_CONFIG, AppConfig } from '../config/config';
import { RequestValidationError, type FieldError } from '../common/validation';
import { listSinkMessages } from '../notifications/mail-sink';
import { CreateProviderDto, UpdateProviderDto } from '../providers/dto/create-provider.dto';
import { ProvidersService } from '../providers/providers.service';
import { MatchingSettingsService } from '../settings/matching-settings.service';
import { CRITERIA } from '../matching/domain/types';
import { CreateStaffUserDto } from '../staff/dto/create-staff-user.dto';
import { STAFF_ROLES, type StaffRole } from '../staff/staff-user.entity';
import { DomainError } from '../shared/domain-error';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { StaffUsersService } from '../staff/staff-users.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { formList, submitForm } from './forms';
import { labelsFor } from './pages/labels';
import { renderMailPage, type OutboxRow } from './pages/mail.page';
import {
  EMPTY_PROVIDER,
  renderProviderFormPage,
  renderProviderListPage,
  type ProviderForm,
} from './pages/providers.page';
import { renderSettingsPage } from './pages/settings.page';
import type { ConsoleView } from './view';

const HTML = 'text/html; charset=utf-8';
const text = (body: Record<string, unknown>, key: string): string =>
  typeof body[key] === 'string' ? body[key].trim() : '';

function readProviderForm(body: Record<string, unknown>): ProviderForm {
  return {
    name: text(body, 'name'),
    contactPerson: text(body, 'contactPerson'),
    email: text(body, 'email'),
    phone: text(body, 'phone'),
    streetAddress: text(body, 'streetAddress'),
    postalCode: text(body, 'postalCode'),
    fieldsOfActivity: formList(body.fieldsOfActivity),
    active: body.active === 'yes',
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
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async list(@View() view: ConsoleView, @Query('done') done?: string): Promise<string> {
    return renderProviderListPage(
      view,
      labelsFor(this.taxonomy.taxonomy, view.lang),
      await this.providers.list(),
      noticeOf(view, done),
    );
  }

  @Get('new')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  newForm(@View() view: ConsoleView): string {
    return renderProviderFormPage(view, labelsFor(this.taxonomy.taxonomy, view.lang), EMPTY_PROVIDER);
  }

  @Get(':id')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async edit(@Param('id', ParseUUIDPipe) id: string, @View() view: ConsoleView): Promise<string> {
    const provider = await this.providers.get(id);
    return renderProviderFormPage(
      view,
      labelsFor(this.taxonomy.taxonomy, view.lang),
      { ...provider, phone: provider.phone ?? '' },
      { id },
    );
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
      dtoClass,
      plain,
      action,
      redirectTo: '/console/providers?done=saved',
      showErrors: (errors) => {
        response
          .status(400)
          .type(HTML)
          .send(
            renderProviderFormPage(view, labelsFor(this.taxonomy.taxonomy, view.lang), form, { id, errors }),
          );
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
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async mail(@View() view: ConsoleView): Promise<string> {
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
    return renderMailPage(view, outbox, sink);
  }
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings')
export class ConsoleSettingsController {
  constructor(
    private readonly settings: MatchingSettingsService,
    private readonly staffUsers: StaffUsersService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async page(@View() view: ConsoleView, @Query('done') done?: string): Promise<string> {
    return renderSettingsPage(view, await this.settings.get(), await this.staffUsers.list(), {
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
      CRITERIA.map((criterion) => [criterion, Number(text(body, `weight.${criterion}`))]),
    );
    const change = {
      policy: { weights, maxProposals: Number(text(body, 'maxProposals')) },
      offerResponseHours: Number(text(body, 'offerResponseHours')),
      autoOffer: body.autoOffer === 'yes',
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

  @Post('staff')
  async addStaff(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await submitForm(response, {
      dtoClass: CreateStaffUserDto,
      plain: {
        name: text(body, 'name'),
        email: text(body, 'email'),
        role: text(body, 'role'),
        password: typeof body.password === 'string' ? body.password : '',
      },
      action: (dto) => this.staffUsers.create(dto, staff),
      redirectTo: '/console/settings?done=staff-created',
      showErrors: (errors) => this.showErrors(view, response, errors),
    });
  }

  @Post('staff/:id/role')
  async changeRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const role = text(body, 'role');
    if (!(STAFF_ROLES as readonly string[]).includes(role)) {
      throw new DomainError('invalid-role', 'role must be admin or coordinator', 'role');
    }
    await this.staffUsers.changeRole(id, role as StaffRole, staff);
    response.redirect(303, '/console/settings?done=settings-saved');
  }

  private async showErrors(view: ConsoleView, response: Response, errors: FieldError[]): Promise<void> {
    response
      .status(400)
      .type(HTML)
      .send(renderSettingsPage(view, await this.settings.get(), await this.staffUsers.list(), { errors }));
  }
}
