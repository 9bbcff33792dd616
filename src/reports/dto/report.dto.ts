import { ApiProperty } from '@nestjs/swagger';
import { ApiFreeForm } from '../../common/api-docs';
import type { ProtectedCell } from '../domain/small-numbers';
import type { Report, ReportTable } from '../reports.service';

/** A count as published: a protected cell carries no value, only "< 3". */
export class ReportCellDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: 'null when protected (1–2, or hidden so a total cannot reveal one)',
  })
  value: number | null;

  @ApiProperty({ example: false })
  suppressed: boolean;

  @ApiProperty({ example: '12', description: 'as shown: the number, or "< 3"' })
  shown: string;
}

export class ReportRowDto {
  @ApiProperty({
    example: 'Ottensen',
    description:
      'district, category key, source, month (YYYY-MM), age band, gender, priority group or figure name; "" or "not-given" = not given',
  })
  key: string;

  @ApiProperty({ type: [ReportCellDto] })
  cells: ReportCellDto[];
}

export class ReportTableDto {
  @ApiProperty({ example: 'requests' })
  name: string;

  @ApiProperty({ type: [String], example: ['received', 'matched', 'fulfilled', 'cancelled', 'unfulfilled'] })
  columns: string[];

  @ApiProperty({ type: [ReportRowDto] })
  rows: ReportRowDto[];

  @ApiProperty({ type: [ReportCellDto], description: 'column sums (empty for the key figures)' })
  totals: ReportCellDto[];
}

export class ReportPeriodDto {
  @ApiProperty({ enum: ['month', 'quarter', 'year', 'custom'] })
  kind: string;

  @ApiProperty({ example: '2026-01-01' })
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  to: string;

  @ApiProperty({ example: '2026-Q1' })
  label: string;
}

export class TimeToMatchDto {
  @ApiProperty({ type: ReportCellDto, description: 'requests matched in the period' })
  count: ReportCellDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'hours from received to matched; null under 3 requests',
  })
  medianHours: number | null;

  @ApiProperty({ type: Number, nullable: true })
  p90Hours: number | null;
}

export class ReportDto {
  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;

  @ApiProperty({ enum: ['district', 'category', 'source'] })
  breakdown: string;

  @ApiProperty({ example: '2026-12-04' })
  today: string;

  @ApiProperty({
    type: [ReportTableDto],
    description:
      'requests, reasons, offers, volunteers, ages, genders, priority-groups (total: distinct help-seekers reached), months, key-figures',
  })
  tables: ReportTableDto[];

  @ApiProperty({ type: TimeToMatchDto })
  timeToMatch: TimeToMatchDto;

  @ApiFreeForm('district name → { lat, lon }: the mean position of its postal codes')
  centroids: Record<string, { lat: number; lon: number }>;
}

export function cellDto(cell: ProtectedCell): ReportCellDto {
  return cell.suppressed
    ? { value: null, suppressed: true, shown: '< 3' }
    : { value: cell.value, suppressed: false, shown: String(cell.value) };
}

function tableDto(table: ReportTable): ReportTableDto {
  return {
    name: table.name,
    columns: table.columns,
    rows: table.rows.map((row) => ({ key: row.key, cells: row.cells.map(cellDto) })),
    totals: table.totals.map(cellDto),
  };
}

export function reportDto(report: Report): ReportDto {
  return {
    period: { ...report.period },
    breakdown: report.breakdown,
    today: report.today,
    tables: Object.values(report.tables).map(tableDto),
    timeToMatch: { ...report.timeToMatch, count: cellDto(report.timeToMatch.count) },
    centroids: report.centroids,
  };
}
