import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { sendCsvDownload } from '../common/csv-response';
import { berlinDateOf } from '../shared/berlin-time';
import { csvChunks, type CsvValue } from '../shared/csv';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RevokedLinksDto } from './dto/revoked-links.response';
import { VolunteerDto } from './dto/volunteer.response';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequestValidationError } from '../common/validation';
import { VolunteerSearchService, type UnknownFilterValue } from './volunteer-search.service';
import { Volunteer } from './volunteer.entity';
import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../shared/volunteer-profile';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  CreateVolunteerDto,
  RecordCertificateDto,
  UpdateVolunteerDto,
  UpdateVolunteerStatusDto,
} from './dto/create-volunteer.dto';
import { VolunteersService } from './volunteers.service';

class ListVolunteersQuery {
  @ApiPropertyOptional({ enum: VOLUNTEER_STATUSES, description: 'default: all' })
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  status?: VolunteerStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Part of the name or email address.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ description: 'A skill key of the taxonomy; also finds its more specific skills.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  skill?: string;

  @ApiPropertyOptional({ description: 'A field of interest (taxonomy `fields`, e.g. `SEN`).' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  interest?: string;

  @ApiPropertyOptional({
    description:
      'A language: its code (`tr`) or its name in German or English, in any case (`Türkisch`, `turkish`).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  language?: string;

  @ApiPropertyOptional({ description: 'A district volunteers live in (exact name).' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  district?: string;

  @ApiPropertyOptional({ description: 'Available on this weekday: 1 = Monday … 7 = Sunday.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  weekday?: string;

  @ApiPropertyOptional({
    enum: ['valid', 'missing', 'expired'],
    description: 'Criminal-record certificate (eFZ).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  certificate?: string;

  @ApiPropertyOptional({
    enum: ['1', '0'],
    description:
      '`1`: only volunteers with an accepted assignment occurring in the current Berlin week (Monday to Sunday): a one-off on a day of the week, or weekly help already started and not closed before the week.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  thisWeek?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 999,
    default: 0,
    description: 'Page (of `limit` rows) when searching.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  page?: string;
}

class ExportVolunteersQuery extends ListVolunteersQuery {
  @ApiPropertyOptional({
    enum: ['semicolon', 'comma'],
    default: 'semicolon',
    description: '`;` for German Excel, or `,`.',
  })
  @IsOptional()
  @IsIn(['semicolon', 'comma'])
  separator?: 'semicolon' | 'comma';
}

const EXPORT_HEADER = [
  'name',
  'email',
  'phone',
  'postalCode',
  'district',
  'status',
  'skills',
  'interests',
  'languages',
  'certificateInspectedOn',
  'awayUntil',
];

const SEARCH_KEYS = [
  'q',
  'skill',
  'interest',
  'language',
  'district',
  'weekday',
  'certificate',
  'thisWeek',
  'page',
] as const;

const UNKNOWN_MESSAGES: Record<string, string> = {
  skill: 'is not a skill of the taxonomy',
  interest: 'is not a field of interest of the taxonomy',
  language: 'names no known language (give a code like "tr" or a name like "Türkisch")',
  district: 'is not a district any volunteer lives in',
  weekday: 'must be 1 (Monday) to 7 (Sunday)',
  certificate: 'must be one of valid, missing, expired',
  status: 'must be one of pending, active, paused, inactive',
  thisWeek: 'must be 1 or 0',
  page: 'must be a whole number from 0 to 999',
};

const unknownFilterError = (unknown: UnknownFilterValue[]): RequestValidationError =>
  new RequestValidationError(
    unknown.map(({ field, value }) => ({ field, message: `"${value}" ${UNKNOWN_MESSAGES[field]}` })),
  );

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/volunteers')
export class VolunteersController {
  constructor(
    private readonly volunteers: VolunteersService,
    private readonly search: VolunteerSearchService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Register a volunteer',
    'Staff register a volunteer after the intake conversation (Erstgespräch): languages, skills, where and when they can help. 409 when the email is already registered.',
  )
  @ApiCreatedResponse({ type: VolunteerDto })
  @ApiStaffErrors(409)
  register(@Body() body: CreateVolunteerDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.register(body, staff);
  }

  @Get()
  @ApiDoc(
    'List and search volunteers',
    'Volunteers by name, optionally only one status (`pending`, `active`, `paused`, `inactive`). ' +
      "The console's search filters work here too (name or email, skill, field of interest, language as code or name, " +
      'district, weekday, certificate, assignments this week), `limit` rows per `page`. A filter value that names nothing ' +
      'known (an unknown language, skill, field or district) is a 400 naming the field, never silently ignored.',
  )
  @ApiOkResponse({ type: [VolunteerDto] })
  @ApiStaffErrors()
  async list(@Query() query: ListVolunteersQuery) {
    const limit = query.limit ?? 100;
    if (!SEARCH_KEYS.some((key) => query[key] !== undefined)) {
      return this.volunteers.list(query.status, limit);
    }
    const outcome = await this.search.search({ ...query }, new Date(), limit);
    if (!outcome.ok) {
      throw unknownFilterError(outcome.unknown);
    }
    const ids = outcome.rows.map((row) => row.id);
    const found = await this.volunteers.manyById(ids);
    const byId = new Map(found.map((volunteer) => [volunteer.id, volunteer]));
    return ids
      .map((id) => byId.get(id))
      .filter((volunteer): volunteer is Volunteer => volunteer !== undefined);
  }

  /** The search result as CSV (every row, streamed); audited with the filters and the row count. */
  @Get('export.csv')
  @ApiDoc(
    'Export a volunteer search as CSV',
    'Every volunteer the search filters find (same query parameters as the list; `limit` and `page` are ignored), as CSV: ' +
      'UTF-8 with BOM, `;` by default, formula-like cells neutralised with a leading apostrophe. Columns: name, email, phone, ' +
      'postal code, district, status, skill keys, field keys, languages with levels, certificate date, paused until. ' +
      'Audited (`volunteers.exported`: who, which filters, how many rows). An unknown filter value is a 400 and exports nothing.',
  )
  @ApiOkResponse({ description: 'The CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiStaffErrors()
  async export(
    @Query() query: ExportVolunteersQuery,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { separator, limit: _limit, page: _page, ...filterQuery } = query;
    const { filters, unknown } = await this.search.parse({ ...filterQuery });
    if (unknown.length > 0) {
      throw unknownFilterError(unknown);
    }
    const batches = await this.search.export(filters, staff, new Date(), 'csv-api');
    async function* rows(): AsyncGenerator<CsvValue[][]> {
      for await (const batch of batches) {
        yield batch.map((row) => [
          row.name,
          row.email,
          row.phone,
          row.postalCode,
          row.district,
          row.status,
          row.skills.join(' '),
          row.interests.join(' '),
          row.languages.map((language) => `${language.code}:${language.level}`).join(' '),
          row.certificateInspectedOn,
          row.awayUntil,
        ]);
      }
    }
    try {
      await sendCsvDownload(
        response,
        `volunteers-${berlinDateOf(new Date())}.csv`,
        csvChunks(EXPORT_HEADER, rows(), { separator: separator === 'comma' ? ',' : ';' }),
      );
    } finally {
      await batches.return(undefined);
    }
  }

  @Get(':id')
  @ApiDoc('Show a volunteer', 'One volunteer’s profile as staff see it.')
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.volunteers.get(id);
  }

  /** Change any profile field; an active volunteer is then re-checked against open requests. */
  @Patch(':id')
  @ApiDoc(
    'Change a volunteer',
    'Change any profile field; an active volunteer is then re-checked against open requests. Audited with before and after.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVolunteerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.update(id, body, staff);
  }

  @Patch(':id/status')
  @ApiDoc(
    'Activate, pause or deactivate a volunteer',
    'Only `active` volunteers are proposed; activating needs a confirmed email address.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404, 409)
  changeStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVolunteerStatusDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.changeStatus(id, body.status, staff);
  }

  /** Staff checked the address with the volunteer in person: no confirmation email needed. */
  @Post(':id/email-confirmation')
  @HttpCode(200)
  @ApiDoc(
    'Confirm a volunteer’s email in person',
    'Staff checked the address with the volunteer in person, so no confirmation email is needed (double opt-in done).',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  confirmEmail(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.confirmEmailByStaff(id, staff);
  }

  /**
   * Revokes every link sent to the volunteer so far (offers, follow-ups, settings, account,
   * unsubscribe, opt-in): their link version is raised. Audited with before and after.
   */
  @Post(':id/revoke-links')
  @HttpCode(200)
  @ApiDoc(
    'Revoke a volunteer’s links',
    'Every link sent to the volunteer so far (offers, follow-ups, settings, account, unsubscribe, opt-in) stops working, e.g. when an email went to the wrong person. Audited.',
  )
  @ApiOkResponse({ type: RevokedLinksDto })
  @ApiStaffErrors(404)
  async revokeLinks(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    const volunteer = await this.volunteers.revokeLinks(id, staff);
    return { id: volunteer.id, linkVersion: volunteer.linkVersion };
  }

  @Put(':id/certificate')
  @ApiDoc(
    'Record the criminal-record certificate (eFZ)',
    'Records that staff saw the volunteer’s extended certificate (when, by whom); never a copy. Needed for work with children or people with disabilities.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  recordCertificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordCertificateDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.recordCertificate(id, body, staff);
  }
}
