import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { DataImportDto, toDataImportDto } from './dto/data-import.dto';
import { IMPORT_ENCODINGS } from './domain/encoding';
import { IMPORT_KINDS } from './domain/mapping';
import { TransferService } from './transfer.service';
import { uploadedFile, type UploadRequest } from './upload.middleware';

/** CSV imports (docs/data-transfer.md); admins only. */
@ApiTags(API_TAGS.admin)
@ApiStaffAuth()
@Controller('api/staff/imports')
export class TransferController {
  constructor(private readonly transfer: TransferService) {}

  @Post()
  @RequireRole('admin')
  @ApiDoc(
    'Upload a CSV file and dry-run it (admin)',
    'multipart/form-data with `file` (CSV, at most 25 MB) and `kind` (volunteers, providers, opportunities); optional `encoding`, `separator` and `sourceLabel` (named in the consent records). Encoding, separator and the column mapping are detected; every row is checked and the per-row report returned. Nothing but the import itself is stored.',
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...IMPORT_KINDS] },
        encoding: { type: 'string', enum: [...IMPORT_ENCODINGS] },
        separator: { type: 'string', enum: [';', ',', 'tab'] },
        sourceLabel: { type: 'string', example: 'Freinet-Online' },
      },
    },
  })
  @ApiCreatedResponse({ type: DataImportDto })
  @ApiStaffErrors()
  async create(
    @Req() request: UploadRequest,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<DataImportDto> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const created = await this.transfer.upload(
      {
        ...uploadedFile(request),
        kind: body.kind,
        encoding: body.encoding,
        separator: body.separator,
        sourceLabel: body.sourceLabel,
      },
      staff.id,
    );
    return toDataImportDto(await this.transfer.dryRun(created.id));
  }

  @Get()
  @RequireRole('admin')
  @ApiDoc('The latest imports (admin)', 'The 50 latest imports with their counts, without reports.')
  @ApiOkResponse({ type: [DataImportDto] })
  @ApiStaffErrors()
  async list(): Promise<DataImportDto[]> {
    return (await this.transfer.list()).map((entity) => toDataImportDto(entity, false));
  }

  @Get(':id')
  @RequireRole('admin')
  @ApiDoc(
    'One import with its report (admin)',
    'Settings, progress (processedRows of totalRows), counts and the per-row report.',
  )
  @ApiOkResponse({ type: DataImportDto })
  @ApiStaffErrors()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DataImportDto> {
    return toDataImportDto(await this.transfer.get(id));
  }

  @Put(':id')
  @RequireRole('admin')
  @ApiDoc(
    'Change encoding, separator or mapping and dry-run again (admin)',
    'JSON `{ encoding?, separator?, mapping? }` (mapping: column index → field, "" to ignore a column). Only before the real run.',
  )
  @ApiOkResponse({ type: DataImportDto })
  @ApiStaffErrors()
  async configure(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<DataImportDto> {
    await this.transfer.configure(id, {
      encoding: body?.encoding,
      separator: body?.separator,
      mapping: body?.mapping as Record<string, unknown> | undefined,
    });
    return toDataImportDto(await this.transfer.dryRun(id));
  }

  @Post(':id/start')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiDoc(
    'Start the real import (admin)',
    'Queues the import as a job after its dry run; progress shows on GET. Starting twice does nothing more. Volunteers get the double-opt-in email; consent is recorded as imported.',
  )
  @ApiOkResponse({ type: DataImportDto })
  @ApiStaffErrors()
  async start(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<DataImportDto> {
    return toDataImportDto(await this.transfer.start(id, staff.id, 'api'), false);
  }
}
