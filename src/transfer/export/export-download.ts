import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { berlinDateOf } from '../../shared/berlin-time';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { AgencyExportService, ZIP_CONTENT_TYPE } from './agency-export.service';

export const EXPORT_SEPARATORS = ['semicolon', 'comma'] as const;

export class AgencyExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_SEPARATORS,
    default: 'semicolon',
    description: 'CSV separator: `semicolon` for German Excel (the default), `comma` otherwise',
  })
  @IsOptional()
  @IsIn(EXPORT_SEPARATORS)
  separator?: (typeof EXPORT_SEPARATORS)[number];
}

/** The file name of an export, e.g. nahbar-export-2026-12-04.zip. */
export const exportFilename = (at: Date): string => `nahbar-export-${berlinDateOf(at)}.zip`;

/** Starts a zip download on the response; the service streams into it. */
export async function sendExportZip(
  exporter: AgencyExportService,
  response: Response,
  staff: AuthenticatedStaff,
  separator: 'semicolon' | 'comma' | undefined,
  channel: 'console' | 'api',
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', ZIP_CONTENT_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename="${exportFilename(new Date())}"`);
  response.setHeader('Cache-Control', 'no-store');
  try {
    await exporter.write(response, staff, { separator: separator === 'comma' ? ',' : ';', channel });
  } catch {
    // Headers are gone already: cut the download so the client sees a broken zip, not a short one.
    response.destroy();
  }
}
