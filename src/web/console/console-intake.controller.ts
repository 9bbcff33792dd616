import {
  Body,
  Controller,
  Get,
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
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import { CallBacksService } from '../../help-seekers/call-backs.service';
import { ProviderHelpRequestDto, StaffHelpRequestDto } from '../../help-seekers/dto/create-help-request.dto';
import { HelpRequestsService } from '../../help-seekers/help-requests.service';
import { HelpSeeker } from '../../help-seekers/help-seeker.entity';
import { ERASED_NAME } from '../../help-seekers/help-seeker-rights.service';
import { StaffHelpRequestsService } from '../../help-seekers/staff-help-requests.service';
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { domainErrorAsProblem, formText, readForm } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { CallBacksPage } from './pages/call-backs.page';
import {
  EMPTY_INTAKE,
  IntakePage,
  intakeToDto,
  intakeToProviderDto,
  readIntakeForm,
  type IntakeForm,
  type PersonChoice,
  type ProviderChoice,
} from './pages/intake.page';
import { labelsFor } from './pages/labels';
import { sendPage, type ConsoleView } from './view';

type IntakeExtras = Partial<Pick<Parameters<typeof IntakePage>[0], 'duplicates' | 'found' | 'callBack'>>;

/**
 * Phone intake (a help-seeker, a known person, or a provider's request), and "Hilfesuchende
 * zurückrufen": the public call-backs, each completed after the call with the same form.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleIntakeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffRequests: StaffHelpRequestsService,
    private readonly helpRequests: HelpRequestsService,
    private readonly callBacks: CallBacksService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  @Get('intake')
  async intakePage(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('provider') provider?: string,
  ): Promise<void> {
    const form: IntakeForm = { ...EMPTY_INTAKE, providerId: provider && isUUID(provider) ? provider : '' };
    await this.show(response, view, 200, form);
  }

  @Post('intake')
  async intake(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = readIntakeForm(body);
    const intent = formText(body.intent) ?? 'save';
    const query = form.q.trim();
    if (intent === 'search' || (intent === 'auto' && query !== '' && query !== form.searched.trim())) {
      const found = query.length >= 2 ? await this.search(query, staff) : [];
      // A name searched for and not yet typed below: the new person is probably called that.
      const name = form.name || (/\d/.test(query) ? '' : query);
      await this.show(response, view, 200, { ...form, name, searched: query }, { found });
      return;
    }
    if (form.callBackId) {
      await this.completeCallBack(form.callBackId, form, view, staff, response);
      return;
    }
    if (form.providerId) {
      await this.providerRequest(form, view, staff, response);
      return;
    }
    const existingId = isUUID(form.helpSeekerId) ? form.helpSeekerId : undefined;
    const plain = await this.withKnownPerson(intakeToDto(form), existingId);
    if (!plain) {
      const problem = { field: 'helpSeekerId', message: view.t.t('console.intake.unknownPerson') };
      await this.show(response, view, 400, { ...form, helpSeekerId: '' }, {}, [problem]);
      return;
    }
    const outcome = await readForm(StaffHelpRequestDto, plain, view.t);
    if (!outcome.ok) {
      await this.show(response, view, 400, form, {}, outcome.problems);
      return;
    }
    if (!existingId && form.helpSeekerId !== 'new') {
      const duplicates = await this.staffRequests.possibleDuplicates(
        form.name,
        form.phone || null,
        form.postalCode || null,
      );
      if (duplicates.length > 0) {
        await this.auditShown(duplicates, staff, 'help-seeker.duplicate-shown');
        await this.show(response, view, 200, form, { duplicates });
        return;
      }
    }
    await this.run(response, view, form, {}, async () => {
      const created = await this.helpRequests.recordPhoneIntake(outcome.dto, staff);
      return `/console/requests/${created.id}?done=created`;
    });
  }

  @Get('call-backs')
  async callBackList(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const callBacks = await this.callBacks.list('waiting');
    sendPage(response, 200, CallBacksPage, {
      view,
      callBacks,
      notice: done === 'attempt' ? view.t.t('console.callBack.attemptRecorded') : null,
    });
  }

  /** The call: the intake form, prefilled with what the person gave; the read is audited. */
  @Get('call-backs/:id')
  async callBack(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const callBack = await this.callBacks.get(id, staff);
    if (callBack.status !== 'waiting') {
      response.redirect(
        303,
        callBack.helpRequestId ? `/console/requests/${callBack.helpRequestId}` : '/console/call-backs',
      );
      return;
    }
    const form: IntakeForm = {
      ...EMPTY_INTAKE,
      callBackId: id,
      helpSeekerId: callBack.helpSeekerId,
      name: callBack.name,
      phone: callBack.phone ?? '',
      postalCode: callBack.postalCode,
      preferredLanguage: callBack.preferredLanguage,
      description: callBack.note ?? '',
    };
    await this.show(response, view, 200, form, { callBack });
  }

  /** Called, not reached: who and when are recorded (audited); it keeps waiting. */
  @Post('call-backs/:id/attempt')
  async callBackAttempt(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const note = formText(body.note)?.slice(0, 500);
    await this.callBacks.recordAttempt(id, staff, note);
    response.redirect(303, '/console/call-backs?done=attempt');
  }

  private async completeCallBack(
    id: string,
    form: IntakeForm,
    view: ConsoleView,
    staff: AuthenticatedStaff,
    response: Response,
  ): Promise<void> {
    if (!isUUID(id)) {
      await this.show(response, view, 400, { ...form, callBackId: '' }, {}, [
        { field: 'helpSeekerId', message: view.t.t('console.intake.unknownPerson') },
      ]);
      return;
    }
    const callBack = await this.callBacks.get(id, staff);
    const extras: IntakeExtras = { callBack };
    const plain = await this.withKnownPerson(intakeToDto(form), callBack.helpSeekerId);
    const outcome = await readForm(StaffHelpRequestDto, plain ?? {}, view.t);
    if (!outcome.ok) {
      await this.show(response, view, 400, form, extras, outcome.problems);
      return;
    }
    await this.run(response, view, form, extras, async () => {
      const created = await this.callBacks.complete(id, outcome.dto, staff);
      return `/console/requests/${created.id}?done=created`;
    });
  }

  private async providerRequest(
    form: IntakeForm,
    view: ConsoleView,
    staff: AuthenticatedStaff,
    response: Response,
  ): Promise<void> {
    const [provider] = isUUID(form.providerId)
      ? await this.dataSource.query<{ postalCode: string }[]>(
          `SELECT postal_code AS "postalCode" FROM provider WHERE id = $1`,
          [form.providerId],
        )
      : [];
    if (!provider) {
      await this.show(response, view, 400, { ...form, providerId: '' }, {}, [
        { field: 'providerId', message: view.t.t('console.intake.unknownProvider') },
      ]);
      return;
    }
    // The provider's own postal code unless the help happens elsewhere.
    const plain = intakeToProviderDto({ ...form, postalCode: form.postalCode.trim() || provider.postalCode });
    const outcome = await readForm(ProviderHelpRequestDto, plain, view.t);
    if (!outcome.ok) {
      await this.show(response, view, 400, form, {}, outcome.problems);
      return;
    }
    await this.run(response, view, form, {}, async () => {
      const created = await this.helpRequests.recordForProvider(form.providerId, outcome.dto, staff);
      return `/console/requests/${created.id}?done=created`;
    });
  }

  /**
   * A known person: their stored name and contact ways stand for them (what was typed there does
   * not change them); everything given for this request stays as typed. Null: no such person.
   */
  private async withKnownPerson(
    plain: Record<string, unknown>,
    id: string | undefined,
  ): Promise<Record<string, unknown> | null> {
    if (!id) {
      return plain;
    }
    const person = await this.dataSource.getRepository(HelpSeeker).findOneBy({ id });
    if (!person) {
      return null;
    }
    const typed = plain.helpSeeker as Record<string, unknown>;
    return {
      ...plain,
      helpSeekerId: id,
      postalCode: plain.postalCode || person.postalCode,
      helpSeeker: {
        ...typed,
        name: person.name,
        phone: person.phone ?? undefined,
        email: person.email ?? undefined,
        preferredContact: person.preferredContact,
        // A street typed for this request, else the stored one (the post channel needs one).
        streetAddress: typed.streetAddress ?? person.streetAddress ?? undefined,
      },
    };
  }

  /** Runs the action and redirects; a domain rule naming a field shows the form again (400). */
  private async run(
    response: Response,
    view: ConsoleView,
    form: IntakeForm,
    extras: IntakeExtras,
    action: () => Promise<string>,
  ): Promise<void> {
    let target: string;
    try {
      target = await action();
    } catch (error) {
      const problems = domainErrorAsProblem(error, view.t);
      if (!problems) {
        throw error;
      }
      await this.show(response, view, 400, form, extras, problems);
      return;
    }
    response.redirect(303, target);
  }

  /** People by name or phone number, for "a known person?"; each shown person is audited. */
  private async search(query: string, staff: AuthenticatedStaff): Promise<PersonChoice[]> {
    const digits = query.replace(/\D/g, '');
    const found = await this.dataSource.query<PersonChoice[]>(
      `SELECT id, name, phone, postal_code AS "postalCode", email FROM help_seeker
        WHERE name <> $3
          AND (lower(name) LIKE '%' || lower($1) || '%'
            OR ($2::text IS NOT NULL AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') LIKE '%' || $2 || '%'))
        ORDER BY created_at DESC LIMIT 10`,
      [query.replace(/[%_\\]/g, (c) => `\\${c}`), digits.length >= 4 ? digits : null, ERASED_NAME],
    );
    await this.auditShown(found, staff, 'help-seeker.search-shown');
    return found;
  }

  private async auditShown(people: PersonChoice[], staff: AuthenticatedStaff, action: string): Promise<void> {
    for (const person of people) {
      await this.audit.record({
        staffUserId: staff.id,
        action,
        entityType: 'help-seeker',
        entityId: person.id,
      });
    }
  }

  private async show(
    response: Response,
    view: ConsoleView,
    status: number,
    form: IntakeForm,
    extras: IntakeExtras = {},
    problems: FieldError[] = [],
  ): Promise<void> {
    const providers = await this.dataSource.query<ProviderChoice[]>(
      `SELECT id, name FROM provider WHERE active ORDER BY name LIMIT 500`,
    );
    sendPage(response, status, IntakePage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      form,
      problems,
      providers,
      ...extras,
    });
  }
}
