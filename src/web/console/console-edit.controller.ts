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
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import { isClosedRequestStatus } from '../../help-seekers/domain/request-status';
import { UpdateHelpRequestDto } from '../../help-seekers/dto/update-help-request.dto';
import { UpdateHelpSeekerDto } from '../../help-seekers/dto/update-help-seeker.dto';
import { HelpRequest } from '../../help-seekers/help-request.entity';
import { HelpSeekerEditService } from '../../help-seekers/help-seeker-edit.service';
import { RequestEditService } from '../../matching/request-edit.service';
import { ConflictError, NotFoundError } from '../../shared/domain-error';
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { formCheckbox, formList, formText } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { parseAvailabilityLine } from './format';
import { submitForm } from './forms';
import { labelsFor } from './pages/labels';
import { requestEditForm, RequestEditPage, type RequestEditForm } from './pages/request-edit.page';
import { seekerEditForm, SeekerEditPage, type SeekerEditForm } from './pages/seeker-edit.page';
import { sendPage, type ConsoleView } from './view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Edit a request and a help-seeker: the forms post to the API's DTOs and services (audited there). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleEditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requestEdits: RequestEditService,
    private readonly seekerEdits: HelpSeekerEditService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  @Get('requests/:id/edit')
  async editRequestPage(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const request = await this.openRequest(id);
    this.sendRequestForm(response, 200, view, request, requestEditForm(request, view.t), []);
  }

  @Post('requests/:id/edit')
  async editRequest(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const request = await this.openRequest(id);
    const form = postedRequestForm(body);
    const categoryChanged = form.category !== request.category;
    const certificateTouched = form.requiresCertificate !== formCheckbox(body.requiresCertificateWas);
    const plain = {
      category: form.category,
      description: form.description,
      volunteerSummary: form.volunteerSummary === '' ? null : form.volunteerSummary,
      neededSkills: form.neededSkills,
      neededLanguage: form.neededLanguage === '' ? null : form.neededLanguage.toLowerCase(),
      // The checkbox left as it was while the category changes: the new category's default applies.
      requiresCertificate: categoryChanged && !certificateTouched ? undefined : form.requiresCertificate,
      schedule:
        form.scheduleKind === 'weekly'
          ? { kind: 'weekly', from: form.from || undefined, slots: parseAvailabilityLine(form.slots) }
          : { kind: form.scheduleKind, date: form.date, start: form.start, end: form.end },
      streetAddress: form.streetAddress === '' ? null : form.streetAddress,
      postalCode: form.postalCode,
      urgency: form.urgency,
    };
    await submitForm(response, {
      t: view.t,
      dtoClass: UpdateHelpRequestDto,
      plain,
      action: (dto) => this.requestEdits.edit(id, dto, staff),
      redirectTo: `/console/requests/${id}?done=saved`,
      showErrors: (problems) => {
        this.sendRequestForm(response, 400, view, request, form, problems);
        return Promise.resolve();
      },
    });
  }

  @Get('help-seekers/:id/edit')
  async editSeekerPage(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('back') back?: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const seeker = await this.seekerEdits.get(id);
    // The form shows the person's contact data and health details: an audited read.
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-seeker.viewed',
      entityType: 'help-seeker',
      entityId: id,
      details: { via: 'edit-form' },
    });
    sendPage(response, 200, SeekerEditPage, {
      view,
      seekerId: id,
      back: backOf(back),
      consentOnRecord: seeker.healthConsent,
      form: seekerEditForm(seeker),
      notice: noticeOf(view, done),
    });
  }

  @Post('help-seekers/:id/edit')
  async editSeeker(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { healthConsent } = await this.seekerEdits.get(id);
    const form = postedSeekerForm(body);
    const back = backOf(body.back);
    const orNull = (value: string) => (value === '' ? null : value);
    const plain = {
      name: form.name,
      salutation: form.salutation,
      phone: orNull(form.phone),
      email: orNull(form.email),
      preferredContact: form.preferredContact,
      preferredLanguage: form.preferredLanguage.toLowerCase(),
      streetAddress: orNull(form.streetAddress),
      postalCode: form.postalCode,
      accessibilityNeeds: form.accessibilityNeeds
        .split(',')
        .map((need) => need.trim())
        .filter(Boolean),
      healthDataConsent: form.healthDataConsent,
      // The form always sends the groups: none ticked = not given.
      priorityGroups: form.priorityGroups,
      contactPersonName: orNull(form.contactPersonName),
      contactPersonRelationship: orNull(form.contactPersonRelationship),
      contactPersonPhone: orNull(form.contactPersonPhone),
    };
    await submitForm(response, {
      t: view.t,
      dtoClass: UpdateHelpSeekerDto,
      plain,
      action: (dto) => this.seekerEdits.edit(id, dto, staff),
      redirectTo: back
        ? `/console/requests/${back}?done=saved`
        : `/console/help-seekers/${id}/edit?done=saved`,
      showErrors: (problems: FieldError[]) => {
        sendPage(response, 400, SeekerEditPage, {
          view,
          seekerId: id,
          back,
          consentOnRecord: healthConsent,
          form,
          problems,
        });
        return Promise.resolve();
      },
    });
  }

  /** The request to edit; a closed one is refused (409) before any form is shown or read. */
  private async openRequest(id: string): Promise<HelpRequest> {
    const request = await this.dataSource.getRepository(HelpRequest).findOneBy({ id });
    if (!request) {
      throw new NotFoundError('help request', id);
    }
    if (isClosedRequestStatus(request.status)) {
      throw new ConflictError(`a ${request.status} request is closed and cannot be edited`);
    }
    return request;
  }

  private sendRequestForm(
    response: Response,
    status: number,
    view: ConsoleView,
    request: HelpRequest,
    form: RequestEditForm,
    problems: FieldError[],
  ): void {
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    sendPage(response, status, RequestEditPage, {
      view,
      labels,
      requestId: request.id,
      title: `${labels.category(request.category)}, ${request.district ?? request.postalCode}`,
      form,
      problems,
    });
  }
}

function backOf(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

function postedRequestForm(body: Record<string, unknown>): RequestEditForm {
  const text = (name: string) => formText(body[name]) ?? '';
  return {
    category: text('category'),
    description: text('description'),
    volunteerSummary: text('volunteerSummary'),
    neededSkills: formList(body.neededSkills),
    neededLanguage: text('neededLanguage'),
    requiresCertificate: formCheckbox(body.requiresCertificate),
    scheduleKind: text('scheduleKind'),
    date: text('date'),
    start: text('start'),
    end: text('end'),
    from: text('from'),
    slots: text('slots'),
    streetAddress: text('streetAddress'),
    postalCode: text('postalCode'),
    urgency: text('urgency'),
  };
}

function postedSeekerForm(body: Record<string, unknown>): SeekerEditForm {
  const text = (name: string) => formText(body[name]) ?? '';
  return {
    name: text('name'),
    salutation: text('salutation'),
    phone: text('phone'),
    email: text('email'),
    preferredContact: text('preferredContact'),
    preferredLanguage: text('preferredLanguage'),
    streetAddress: text('streetAddress'),
    postalCode: text('postalCode'),
    accessibilityNeeds: text('accessibilityNeeds'),
    healthDataConsent: formCheckbox(body.healthDataConsent),
    priorityGroups: formList(body.priorityGroups),
    contactPersonName: text('contactPersonName'),
    contactPersonRelationship: text('contactPersonRelationship'),
    contactPersonPhone: text('contactPersonPhone'),
  };
}
