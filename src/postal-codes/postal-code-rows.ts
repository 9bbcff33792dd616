/**
 * Reading the GeoNames postal-code CSV and reducing it to one point per postal code.
 * Pure functions, no framework imports, so the importer, the tests and the demo data share them.
 *
 * The reduction rule, per postal code:
 *  (a) Rows whose place looks like a large customer (a company or authority with its own code,
 *      e.g. "AstraZeneca GmbH", "Finanzamt Altona") are dropped when the code also has at least
 *      one ordinary place row. Large-customer rows can sit far from the code's region.
 *  (b) If every row of the code is a large-customer row, all of them are kept.
 *  (c) The point is the median latitude and the median longitude of the kept rows, taken
 *      separately; one far-off row cannot move a median the way it moves a mean.
 *  (d) `place` is the common city name ("Hamburg Ottensen" → "Hamburg"); `district` is the
 *      suffix ("Ottensen") of the suffixed row nearest the median point, else null. Outside
 *      Hamburg a place counts as "City Suffix" only when another kept row of the code is the
 *      plain city ("Blaubeuren" beside "Blaubeuren Asch"), because many real place names contain
 *      spaces ("Bad Berleburg", "Sankt Martin").
 *  (e) `method` says in words what was done; `sourceRows` is the code's original row count.
 */

export const POSTAL_CODE_CSV_COLUMNS = [
  'country_code',
  'zipcode',
  'place',
  'state',
  'state_code',
  'province',
  'province_code',
  'community',
  'community_code',
  'latitude',
  'longitude',
] as const;

/** The columns the importer reads; the others may be missing or reordered without harm. */
const REQUIRED_COLUMNS = ['country_code', 'zipcode', 'place', 'state', 'latitude', 'longitude'] as const;
type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];

/** Germany's rough bounding box; anything outside is a broken row, not a German place. */
export const GERMANY_BOUNDS = { minLatitude: 47, maxLatitude: 55.2, minLongitude: 5.8, maxLongitude: 15.1 };

/** One accepted CSV row. */
export interface PostalCodeRow {
  code: string;
  place: string;
  state: string | null;
  latitude: number;
  longitude: number;
}

export interface RejectedRow {
  /** Line in the file where the row starts (1 = header). */
  line: number;
  reason: string;
}

export interface ParsedPostalCodeCsv {
  rows: PostalCodeRow[];
  rejected: RejectedRow[];
}

/** One point per postal code, in the shape of the `postal_code` table plus what the report needs. */
export interface ReducedPostalCode {
  code: string;
  place: string;
  district: string | null;
  state: string | null;
  latitude: number;
  longitude: number;
  /** How many CSV rows the code had before reduction. */
  sourceRows: number;
  /** E.g. "median of 4 place rows; 1 large-customer row dropped". */
  method: string;
  /** Large-customer rows left out because the code also had place rows (rule a). */
  droppedLargeCustomerRows: number;
  /** True when every row was a large-customer row and all were kept (rule b). */
  onlyLargeCustomerRows: boolean;
}

export interface ReductionSummary {
  codes: number;
  rowsRead: number;
  codesWithSeveralRows: number;
  largeCustomerRowsDropped: number;
  codesOnlyLargeCustomer: number;
}

/** Thrown when the file as a whole is unusable (empty, or a header without the needed columns). */
export class PostalCodeFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostalCodeFileError';
  }
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------------------------

interface CsvRecord {
  line: number;
  fields: string[];
  error: string | null;
}

const isRecordEnd = (char: string | undefined): boolean => char === '\n' || char === '\r';

/**
 * Splits text into RFC 4180 records: comma-separated, fields optionally double-quoted, `""` for a
 * quote inside quotes, line breaks allowed inside quotes. A malformed record is kept with an
 * error so the caller can report its line instead of guessing what it meant.
 */
function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the header
  let line = 1;

  while (i < end) {
    const startLine = line;
    const fields: string[] = [];
    let error: string | null = null;

    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < end) {
          const char = text[i];
          if (char === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (char === '\n') {
            line++;
          }
          value += char;
          i++;
        }
        if (!closed) {
          error ??= 'quoted field is never closed';
        } else if (i < end && text[i] !== ',' && !isRecordEnd(text[i])) {
          error ??= 'text after the closing quote of a field';
          while (i < end && text[i] !== ',' && !isRecordEnd(text[i])) {
            i++;
          }
        }
      } else {
        const start = i;
        while (i < end && text[i] !== ',' && !isRecordEnd(text[i])) {
          i++;
        }
        value = text.slice(start, i);
        if (value.includes('"')) {
          error ??= 'quote inside an unquoted field';
        }
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') {
        i++;
      }
      if (text[i] === '\n') {
        i++;
      }
      line++;
      break;
    }

    const blank = fields.length === 1 && fields[0] === '' && error === null;
    if (!blank) {
      records.push({ line: startLine, fields, error });
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation
// ---------------------------------------------------------------------------------------------

/** GeoNames mixes English and German state names; the table stores the German ones. */
const GERMAN_STATE_NAMES: Readonly<Record<string, string>> = {
  Bavaria: 'Bayern',
  'Lower Saxony': 'Niedersachsen',
  'Land Berlin': 'Berlin',
  Saxony: 'Sachsen',
  'Saxony-Anhalt': 'Sachsen-Anhalt',
  Thuringia: 'Thüringen',
  'Mecklenburg-Western Pomerania': 'Mecklenburg-Vorpommern',
  'North Rhine-Westphalia': 'Nordrhein-Westfalen',
  'Rhineland-Palatinate': 'Rheinland-Pfalz',
  Hesse: 'Hessen',
};

export function germanStateName(state: string): string | null {
  const trimmed = state.trim();
  if (trimmed === '') {
    return null;
  }
  return GERMAN_STATE_NAMES[trimmed] ?? trimmed;
}

/** Plain decimal degrees only: `Number('')` would be 0 and put a broken row at (0, 0). */
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

function parseCoordinate(
  raw: string,
  name: 'latitude' | 'longitude',
  min: number,
  max: number,
): number | string {
  const text = raw.trim();
  if (text === '') {
    return `${name} is missing`;
  }
  if (!DECIMAL.test(text)) {
    return `${name} "${text}" is not a decimal number`;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return `${name} "${text}" is not a finite number`;
  }
  if (value < min || value > max) {
    return `${name} ${text} is outside Germany (${min} to ${max})`;
  }
  return value;
}

function headerIndexes(header: string[]): Record<RequiredColumn, number> {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new PostalCodeFileError(
      `the header lacks the column(s) ${missing.join(', ')}; expected ${POSTAL_CODE_CSV_COLUMNS.join(',')}`,
    );
  }
  const duplicated = names.filter((name, index) => name !== '' && names.indexOf(name) !== index);
  if (duplicated.length > 0) {
    throw new PostalCodeFileError(`the header repeats the column(s) ${[...new Set(duplicated)].join(', ')}`);
  }
  const indexes = {} as Record<RequiredColumn, number>;
  for (const column of REQUIRED_COLUMNS) {
    indexes[column] = names.indexOf(column);
  }
  return indexes;
}

/** One data row checked field by field: the row, or the reason it cannot be used. */
function checkedRow(field: (name: RequiredColumn) => string): PostalCodeRow | string {
  const country = field('country_code');
  if (country !== 'DE') {
    return `country code "${country}" is not DE`;
  }
  const code = field('zipcode');
  if (!/^\d{5}$/.test(code)) {
    return `postal code "${code}" is not five digits`;
  }
  const place = field('place');
  if (place === '') {
    return 'place is empty';
  }
  const { minLatitude, maxLatitude, minLongitude, maxLongitude } = GERMANY_BOUNDS;
  const latitude = parseCoordinate(field('latitude'), 'latitude', minLatitude, maxLatitude);
  if (typeof latitude === 'string') {
    return latitude;
  }
  const longitude = parseCoordinate(field('longitude'), 'longitude', minLongitude, maxLongitude);
  if (typeof longitude === 'string') {
    return longitude;
  }
  return { code, place, state: germanStateName(field('state')), latitude, longitude };
}

/**
 * Parses the GeoNames postal-code CSV. Every data row is either accepted or listed in `rejected`
 * with its line and the reason; nothing is silently repaired. Throws PostalCodeFileError when the
 * file is empty or its header lacks a needed column.
 */
export function parsePostalCodeCsv(text: string): ParsedPostalCodeCsv {
  const records = readCsvRecords(text);
  const header = records[0];
  if (!header) {
    throw new PostalCodeFileError('the file is empty; a header line is required');
  }
  if (header.error) {
    throw new PostalCodeFileError(`the header line is malformed: ${header.error}`);
  }
  const column = headerIndexes(header.fields);
  const width = header.fields.length;

  const rows: PostalCodeRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const { line, fields, error } of records.slice(1)) {
    const result =
      error ??
      (fields.length === width
        ? checkedRow((name) => fields[column[name]].trim())
        : `expected ${width} fields, found ${fields.length}`);
    if (typeof result === 'string') {
      rejected.push({ line, reason: result });
    } else {
      rows.push(result);
    }
  }
  return { rows, rejected };
}

// ---------------------------------------------------------------------------------------------
// Reduction to one point per code
// ---------------------------------------------------------------------------------------------

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';

/** Legal forms and insurer/authority acronyms, case-sensitive whole tokens: "AG" but not "Ag". */
// prettier-ignore
const LEGAL_FORMS = [
  'g?GmbH', 'GMBH', 'Gmbh', 'mbH', 'mbh', 'AG', 'SE', 'KG', 'KGaA', 'KGAA', 'OHG', 'oHG', 'GbR', 'eG',
  'e\\. ?V\\.?', 'eV', 'e\\. ?K\\.', 'e\\. ?G\\.', 'VVaG', 'V\\.a\\.G\\.', 'a\\.G\\.', 'Ltd\\.?', 'Limited',
  'PLC', 'Inc\\.?', 'S\\.A\\.S?', 'SAS', 'SRL', 'S\\.a\\.r\\.l\\.', 'Co\\.?', 'Cie\\.?', 'AöR', 'KdöR',
  'AOK', 'BKK', 'DAK', 'IKK', 'HUK', 'DRK', 'IHK', 'JVA', 'KKH', 'DEVK', 'BARMER', 'Barmer',
];

/**
 * Words of companies and authorities, case-insensitive. Checked against the real file so that no
 * place matches: "gericht" only with its usual prefixes (the town Freigericht exists), "kammer"
 * likewise (Maikammer, Kammerforst), "…amt" only after five letters (Freiamt), "…blatt" only for
 * newspapers (Tauche Kossenblatt), "Stadt X" (a city hall) except the town Stadt Wehlen, no
 * "reisen" (Freisen) and no "forst" (Forst (Lausitz)).
 */
// prettier-ignore
const INSTITUTION_WORDS = [
  `bank${NOT_LETTER_AFTER}`, 'banken', 'versicherung', 'sparkasse', 'verlag', 'deutsche post', 'postbank',
  'postfach', 'finanzamt', 'krankenkasse', 'ersatzkasse', 'gesundheitskasse', 'unfallkasse', 'alterskasse',
  'knappschaft',
  '(?:amts|land|landes|oberlandes|verwaltungs|sozial|arbeits|finanz|kammer|bundes|familien|verfassungs|berufs)gericht',
  'staatsanwalt', 'justiz', 'polizei', 'minister', 'verwaltung', 'rathaus', 'klinik', 'krankenh[aä]us',
  'hospital', 'universit', 'hochschule', 'berufsgenossenschaft', 'telekom', 'rundfunk', 'agentur', 'stiftung',
  `\\p{L}{5}amt${NOT_LETTER_AFTER}`, 'amt für', 'beh[öo]rde', 'zentrale', 'service', 'vertrieb', 'fabrik',
  'gesellschaft', '(?:handwerks|handels|ärzte|landwirtschafts|versicherungs|anwalts|notar|steuerberater)kammer',
  'bundeswehr', 'kaserne', 'institut', 'ordinariat', 'vikariat', 'bistum', 'diözese', 'archiv', 'regierung',
  'präsidium', 'gewerkschaft', 'kreisausschu', 'magistrat', 'zeitung', 'redaktion', 'filiale', 'niederlassung',
  'geschäftsstelle', 'zweigstelle', 'zustell', 'job-?center', 'landtag', 'staatskanzlei', 'botschaft',
  'studentenwerk', 'bibliothek', 'landeskirche', 'kirchenkreis', 'kirchenrat', `verband${NOT_LETTER_AFTER}`,
  `${NOT_LETTER_BEFORE}verein${NOT_LETTER_AFTER}`, 'vereinigung', '^stadt$', '^stadt (?!wehlen$)', '^(?:land)?kreis ',
  'landeshauptstadt', 'bürgermeister', `landrat${NOT_LETTER_AFTER}`, 'zentrum', `bund${NOT_LETTER_AFTER}`,
  `schule${NOT_LETTER_AFTER}`, `club${NOT_LETTER_AFTER}`, `shop${NOT_LETTER_AFTER}`, 'museum', 'hotel', 'radio',
  'technik', 'logistik', 'management', 'marketing', 'consulting', 'solutions', 'holding', `group${NOT_LETTER_AFTER}`,
  `gruppe${NOT_LETTER_AFTER}`, 'pharma', 'arzneimittel', 'möbel', 'brauerei', 'druckerei', 'buchhand', 'kaufhaus',
  'warenhaus', 'versand', 'kanzlei', 'industrie', 'medien', `${NOT_LETTER_BEFORE}gebr\\.`, '&', ' \\+ ',
  '(?:tag|tage|volks|ärzte|kreis)blatt', 'anzeiger', 'nachrichten', 'kurier', 'theater', 'akademie', 'bücherei',
  `kasse${NOT_LETTER_AFTER}`, `${NOT_LETTER_BEFORE}staatl`, 'staatsober', 'diakon', 'caritas', 'senioren',
  'evangelisch', 'katholisch', 'bischöf', 'corporate', 'rechtsanw', `partner${NOT_LETTER_AFTER}`,
  `${NOT_LETTER_BEFORE}dr\\.`, `${NOT_LETTER_BEFORE}fa\\.`, `center${NOT_LETTER_AFTER}`, `centre${NOT_LETTER_AFTER}`,
];

const LEGAL_FORM_PATTERN = new RegExp(
  `${NOT_LETTER_BEFORE}(?:${LEGAL_FORMS.join('|')})${NOT_LETTER_AFTER}`,
  'u',
);
const INSTITUTION_PATTERN = new RegExp(INSTITUTION_WORDS.join('|'), 'iu');

/**
 * True when a place name looks like a large customer (company, authority, insurer) rather than a
 * town or district. A heuristic: a missed company only matters when its code also has real place
 * rows, and those large customers sit in the same town anyway.
 */
export function looksLikeLargeCustomer(place: string): boolean {
  return LEGAL_FORM_PATTERN.test(place) || INSTITUTION_PATTERN.test(place);
}

/** Hamburg rows read "Hamburg Ottensen" even when no plain "Hamburg" row shares the code. */
const CITY_WITH_DISTRICT_ROWS = 'Hamburg';

interface SplitPlace {
  city: string;
  district: string | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Five decimals is about one metre; it keeps averaged medians free of float noise. */
const roundCoordinate = (value: number): number => Math.round(value * 1e5) / 1e5;

/** Squared distance in degrees, longitude scaled by latitude; enough to pick the nearest row. */
function squaredDistance(row: PostalCodeRow, latitude: number, longitude: number): number {
  const dLat = row.latitude - latitude;
  const dLon = (row.longitude - longitude) * Math.cos((latitude * Math.PI) / 180);
  return dLat * dLat + dLon * dLon;
}

/** "Hamburg Ottensen" → Hamburg + Ottensen; elsewhere only when the plain city is a kept row too. */
function splitPlace(place: string, plainPlaces: ReadonlySet<string>, isLargeCustomer: boolean): SplitPlace {
  if (isLargeCustomer) {
    return { city: place, district: null };
  }
  let city: string | null = place.startsWith(`${CITY_WITH_DISTRICT_ROWS} `) ? CITY_WITH_DISTRICT_ROWS : null;
  if (city === null) {
    // The longest plain place that prefixes this one: "Allendorf (Eder) Haine" → "Allendorf (Eder)".
    for (const candidate of plainPlaces) {
      const longer = city === null || candidate.length > city.length;
      if (candidate !== place && place.startsWith(`${candidate} `) && longer) {
        city = candidate;
      }
    }
  }
  if (city === null) {
    return { city: place, district: null };
  }
  return { city, district: place.slice(city.length + 1).trim() || null };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeMethod(kept: number, dropped: number, onlyLargeCustomer: boolean): string {
  const kind = onlyLargeCustomer ? 'large-customer row' : 'place row';
  let method = kept === 1 ? `single ${kind}` : `median of ${plural(kept, kind)}`;
  if (onlyLargeCustomer && kept > 1) {
    method += ' (no place row)';
  }
  if (dropped > 0) {
    method += `; ${plural(dropped, 'large-customer row')} dropped`;
  }
  return method;
}

/** Reduces the rows of one postal code to one point; see the rule at the top of this file. */
function reduceOneCode(code: string, rows: PostalCodeRow[]): ReducedPostalCode {
  const flagged = rows.map((row) => ({ row, largeCustomer: looksLikeLargeCustomer(row.place) }));
  const places = flagged.filter((entry) => !entry.largeCustomer);
  const onlyLargeCustomer = places.length === 0;
  const kept = onlyLargeCustomer ? flagged : places;

  const latitude = median(kept.map(({ row }) => row.latitude));
  const longitude = median(kept.map(({ row }) => row.longitude));
  const plainPlaces = new Set(kept.map(({ row }) => row.place));
  // Nearest the median first; equal distances keep the file order, so the result is deterministic.
  const byDistance = kept
    .map((entry, order) => ({
      ...entry,
      ...splitPlace(entry.row.place, plainPlaces, entry.largeCustomer),
      order,
      distance: squaredDistance(entry.row, latitude, longitude),
    }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order);

  // The city most kept rows share; a tie goes to the row nearest the median.
  const cityCounts = new Map<string, number>();
  for (const { city } of byDistance) {
    cityCounts.set(city, (cityCounts.get(city) ?? 0) + 1);
  }
  let place = byDistance[0].city;
  for (const { city } of byDistance) {
    if ((cityCounts.get(city) ?? 0) > (cityCounts.get(place) ?? 0)) {
      place = city;
    }
  }

  const district =
    byDistance.find((entry) => entry.city === place && entry.district !== null)?.district ?? null;
  const state = byDistance.find((entry) => entry.row.state !== null)?.row.state ?? null;
  const dropped = rows.length - kept.length;

  return {
    code,
    place,
    district,
    state,
    latitude: roundCoordinate(latitude),
    longitude: roundCoordinate(longitude),
    sourceRows: rows.length,
    method: describeMethod(kept.length, dropped, onlyLargeCustomer),
    droppedLargeCustomerRows: dropped,
    onlyLargeCustomerRows: onlyLargeCustomer,
  };
}

/** One point per postal code, ordered by code; see the rule at the top of this file. */
export function reducePostalCodeRows(rows: readonly PostalCodeRow[]): ReducedPostalCode[] {
  const byCode = new Map<string, PostalCodeRow[]>();
  for (const row of rows) {
    const group = byCode.get(row.code);
    if (group) {
      group.push(row);
    } else {
      byCode.set(row.code, [row]);
    }
  }
  return [...byCode.keys()].sort().map((code) => reduceOneCode(code, byCode.get(code) ?? []));
}

/** The figures the import report prints. */
export function summariseReduction(reduced: readonly ReducedPostalCode[]): ReductionSummary {
  return {
    codes: reduced.length,
    rowsRead: reduced.reduce((sum, point) => sum + point.sourceRows, 0),
    codesWithSeveralRows: reduced.filter((point) => point.sourceRows > 1).length,
    largeCustomerRowsDropped: reduced.reduce((sum, point) => sum + point.droppedLargeCustomerRows, 0),
    codesOnlyLargeCustomer: reduced.filter((point) => point.onlyLargeCustomerRows).length,
  };
}
