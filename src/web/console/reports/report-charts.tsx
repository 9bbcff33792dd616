import type { ReportTable } from '../../../reports/reports.service';
import { shownValue } from '../../../reports/domain/small-numbers';

/*
 * Server-rendered SVG charts (no scripts). Each chart is an image with a title and description; the
 * same numbers stand in the table beside it. Protected cells ("< 3") are drawn as no bar / the
 * smallest bubble and labelled "< 3", never with their value.
 */

const BAR = '#0b3d66';
const LINE = '#c45100';

export function MonthChart(props: {
  id: string;
  title: string;
  table: ReportTable;
  barColumn: number;
  lineColumn: number;
  barLabel: string;
  lineLabel: string;
}) {
  const { table } = props;
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 28;
  const top = 12;
  const plotWidth = width - left - 8;
  const plotHeight = height - bottom - top;
  const visible = (column: number) =>
    table.rows.map((row) => (row.cells[column].suppressed ? 0 : row.cells[column].value));
  const bars = visible(props.barColumn);
  const line = visible(props.lineColumn);
  const max = Math.max(3, ...bars, ...line);
  const step = plotWidth / Math.max(1, table.rows.length);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const points = line.map(
    (value, index) => `${(left + step * index + step / 2).toFixed(1)},${y(value).toFixed(1)}`,
  );
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>
          {table.rows
            .map(
              (row) =>
                `${row.key}: ${props.barLabel} ${shownValue(row.cells[props.barColumn])}, ${props.lineLabel} ${shownValue(row.cells[props.lineColumn])}`,
            )
            .join('; ')}
        </desc>
        <line x1={left} y1={top + plotHeight} x2={width - 8} y2={top + plotHeight} stroke="#555" />
        <text x={left - 4} y={top + 8} text-anchor="end" font-size="11" fill="#333">
          {max}
        </text>
        <text x={left - 4} y={top + plotHeight} text-anchor="end" font-size="11" fill="#333">
          0
        </text>
        {table.rows.map((row, index) => {
          const value = bars[index];
          const x = left + step * index + step * 0.15;
          return (
            <g key={row.key}>
              <rect x={x} y={y(value)} width={step * 0.7} height={top + plotHeight - y(value)} fill={BAR} />
              {row.cells[props.barColumn].suppressed ? (
                <text
                  x={x + step * 0.35}
                  y={top + plotHeight - 4}
                  text-anchor="middle"
                  font-size="10"
                  fill="#333"
                >
                  {'< 3'}
                </text>
              ) : null}
              <text x={x + step * 0.35} y={height - 10} text-anchor="middle" font-size="10" fill="#333">
                {row.key.length === 7 ? row.key.slice(5) : row.key}
              </text>
            </g>
          );
        })}
        <polyline points={points.join(' ')} fill="none" stroke={LINE} stroke-width="2.5" />
        {points.map((point) => {
          const [cx, cy] = point.split(',');
          return <circle key={point} cx={cx} cy={cy} r="3.5" fill={LINE} />;
        })}
      </svg>
      <figcaption>
        <span class="legend-bar" aria-hidden="true" /> {props.barLabel} ·{' '}
        <span class="legend-line" aria-hidden="true" /> {props.lineLabel}
      </figcaption>
    </figure>
  );
}

/** Bubbles at the districts' centres (mean postal-code position), area ∝ the column's value. */
export function DistrictBubbles(props: {
  id: string;
  title: string;
  table: ReportTable;
  column: number;
  centroids: Record<string, { lat: number; lon: number }>;
  notGiven: string;
}) {
  const placed = props.table.rows.filter((row) => props.centroids[row.key] !== undefined);
  const width = 640;
  const height = 360;
  const pad = 60;
  if (placed.length === 0) {
    return null;
  }
  const lats = placed.map((row) => props.centroids[row.key].lat);
  const lons = placed.map((row) => props.centroids[row.key].lon);
  const [minLat, maxLat, minLon, maxLon] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lons),
    Math.max(...lons),
  ];
  const x = (lon: number) => pad + ((lon - minLon) / Math.max(maxLon - minLon, 1e-6)) * (width - 2 * pad);
  const y = (lat: number) =>
    height - pad - ((lat - minLat) / Math.max(maxLat - minLat, 1e-6)) * (height - 2 * pad);
  const values = placed.map((row) =>
    row.cells[props.column].suppressed ? 0 : row.cells[props.column].value,
  );
  const max = Math.max(1, ...values);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>
          {placed.map((row) => `${row.key}: ${shownValue(row.cells[props.column])}`).join('; ')}
        </desc>
        {placed.map((row, index) => {
          const centre = props.centroids[row.key];
          const cell = row.cells[props.column];
          const radius = cell.suppressed || values[index] === 0 ? 4 : 6 + 30 * Math.sqrt(values[index] / max);
          return (
            <g key={row.key}>
              <circle
                cx={x(centre.lon)}
                cy={y(centre.lat)}
                r={radius}
                fill={BAR}
                fill-opacity="0.55"
                stroke={BAR}
              />
              <text
                x={x(centre.lon)}
                y={y(centre.lat) - radius - 3}
                text-anchor="middle"
                font-size="11"
                fill="#1a1a1a"
              >
                {`${row.key} (${shownValue(cell)})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
