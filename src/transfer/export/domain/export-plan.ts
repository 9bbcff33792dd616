/*
 * What "export everything" contains: every table of the agency's schema, each with its columns,
 * except technical tables and secrets. Tables are found in the database catalogue (so a table a
 * later migration adds is exported without anyone remembering to list it); what is left out is
 * listed here, with the reason, and in docs/data-transfer.md.
 */

/** A column name that smells of a secret is never exported, whatever table it is in. */
export const SECRET_COLUMN = /password|hash|token|secret/i;
/** Nor a table whose name does (sessions, password links, keys). */
export const SECRET_TABLE = /password|token|secret|session|signing/i;

/** Tables left out, with the reason (README and docs say the same). */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  migrations: 'technical: which schema migrations ran',
  typeorm_metadata: 'technical: ORM bookkeeping',
  outbox_job: 'technical: queue jobs waiting to be handed to Redis (ids only)',
  postal_code: 'reference data shipped with nahbar (the public postal-code table), not the agency’s',
  report_open_fact:
    'derived: whom this month’s, quarter’s and year’s report figures count, rebuilt by the report job',
  staff_session: 'secret: login session tokens',
  staff_password_link: 'secret: set-password link tokens',
  staff_password_reset: 'secret: password-reset tokens',
};

/** Columns left out of otherwise exported tables, with the reason. */
export const EXCLUDED_COLUMNS: Readonly<Record<string, string>> = {
  'staff_user.password_hash': 'secret: password hash',
  'staff_user.totp_secret': 'secret: second-factor key',
  'staff_user.totp_last_step': 'second-factor replay guard',
  'staff_user.recovery_code_hashes': 'secret: recovery codes',
  'volunteer.link_version': 'signed-link material',
  'provider.link_version': 'signed-link material',
  'notification.composed_email': 'the rendered email, which carries signed links',
  'data_import.content': 'the uploaded file itself (its rows are in the exported tables)',
  'volunteer.location': 'search index derived from latitude/longitude',
  'opportunity.location': 'search index derived from latitude/longitude',
  'volunteer.availability_mask': 'search index derived from availability',
  'opportunity.time_mask': 'search index derived from time_pattern',
};

/** Column types that are derived indexes or binary blobs, left out wherever they appear. */
const EXCLUDED_TYPES = new Set(['bytea', 'cube', 'tsvector']);

export interface CatalogueColumn {
  table: string;
  column: string;
  /** `udt_name` of information_schema.columns, e.g. `text`, `_text`, `jsonb`, `cube`. */
  type: string;
}

export interface ExportTable {
  name: string;
  columns: string[];
}

export interface ExportPlan {
  tables: ExportTable[];
  /** Every table or `table.column` left out, for the README. */
  excluded: { name: string; reason: string }[];
}

/** Which tables and columns go into the export, in table name order, columns in table order. */
export function planExport(catalogue: readonly CatalogueColumn[]): ExportPlan {
  const byTable = new Map<string, CatalogueColumn[]>();
  for (const column of catalogue) {
    const list = byTable.get(column.table) ?? [];
    list.push(column);
    byTable.set(column.table, list);
  }
  const tables: ExportTable[] = [];
  const excluded: { name: string; reason: string }[] = [];
  for (const name of [...byTable.keys()].sort()) {
    const reason = EXCLUDED_TABLES[name] ?? (SECRET_TABLE.test(name) ? 'secret (by its name)' : undefined);
    if (reason !== undefined) {
      excluded.push({ name, reason });
      continue;
    }
    const columns: string[] = [];
    for (const column of byTable.get(name) ?? []) {
      const key = `${name}.${column.column}`;
      const why =
        EXCLUDED_COLUMNS[key] ??
        (SECRET_COLUMN.test(column.column) ? 'secret (by its name)' : undefined) ??
        (EXCLUDED_TYPES.has(column.type) ? `derived or binary (${column.type})` : undefined);
      if (why === undefined) {
        columns.push(column.column);
      } else {
        excluded.push({ name: key, reason: why });
      }
    }
    if (columns.length > 0) {
      tables.push({ name, columns });
    }
  }
  return { tables, excluded };
}

/** A database value as one CSV cell: arrays and JSON as JSON text, dates as ISO 8601. */
export function csvValueOf(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (
    value instanceof Date ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  return JSON.stringify(value);
}

/** One row as a JSON object line of the table's array (keys in column order). */
export function jsonRowOf(columns: readonly string[], row: Record<string, unknown>): string {
  const record: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column];
    record[column] = typeof value === 'bigint' ? value.toString() : (value ?? null);
  }
  return JSON.stringify(record);
}

export const csvPathOf = (table: string): string => `csv/${table}.csv`;
export const jsonPathOf = (table: string): string => `json/${table}.json`;

/** README.txt of the zip, German first, then English: what each file is, when, what is left out. */
export function readmeText(input: {
  exportedAt: Date;
  separator: ',' | ';';
  tables: readonly (ExportTable & { rows: number })[];
  excluded: readonly { name: string; reason: string }[];
}): string {
  const at = input.exportedAt.toISOString();
  const sep = input.separator === ';' ? 'Semikolon (;)' : 'Komma (,)';
  const sepEn = input.separator === ';' ? 'semicolon (;)' : 'comma (,)';
  const list = input.tables
    .map(
      (table) =>
        `  ${csvPathOf(table.name)} / ${jsonPathOf(table.name)}  (${table.rows})  ${table.columns.join(', ')}`,
    )
    .join('\r\n');
  const left = input.excluded.map((entry) => `  ${entry.name}: ${entry.reason}`).join('\r\n');
  return [
    "nahbar – Export aller Daten der Agentur / export of all the agency's data",
    `Exportiert am / exported at: ${at} (UTC)`,
    '',
    'ACHTUNG: Diese Datei enthält personenbezogene Daten (Freiwillige, Hilfesuchende, Notizen,',
    'Einwilligungen). Verschlüsselt aufbewahren, nicht per E-Mail verschicken, löschen, wenn sie',
    'nicht mehr gebraucht wird (DSGVO Art. 5, 32).',
    '',
    'Inhalt: eine CSV-Datei je Tabelle (Ordner csv/, UTF-8 mit BOM, Trennzeichen ' + sep + ',',
    'Zellen, die mit = + - @ beginnen, mit vorangestelltem Apostroph, damit Tabellenprogramme sie',
    'nicht als Formel ausführen) und dieselben Zeilen als JSON (Ordner json/, je Tabelle ein Array',
    'von Objekten, Werte unverändert). Listen und JSON-Felder stehen in der CSV als JSON-Text,',
    'Zeitpunkte im Format ISO 8601 (UTC). Alle Tabellen stammen aus demselben Datenbankstand.',
    '',
    'WARNING: this file holds personal data (volunteers, help-seekers, notes, consents). Keep it',
    'encrypted, do not send it by email, delete it when no longer needed (GDPR Art. 5, 32).',
    '',
    'Contents: one CSV file per table (folder csv/, UTF-8 with BOM, separator ' + sepEn + ', cells',
    'starting with = + - @ prefixed with an apostrophe so spreadsheets do not run them as formulas)',
    'and the same rows as JSON (folder json/, one array of objects per table, values unchanged).',
    'Lists and JSON fields appear in the CSV as JSON text, timestamps as ISO 8601 (UTC). All tables',
    'come from one consistent database snapshot.',
    '',
    'Dateien (Zeilen) Spalten / files (rows) columns:',
    list,
    '',
    'Nicht enthalten / left out:',
    left,
    '',
  ].join('\r\n');
}
