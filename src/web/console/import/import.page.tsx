import type { DataImport } from '../../../transfer/data-import.entity';
import { IMPORT_ENCODINGS } from '../../../transfer/domain/encoding';
import { IMPORT_FIELDS, IMPORT_KINDS } from '../../../transfer/domain/mapping';
import { formatDateTime } from '../format';
import { ConsoleLayout, CsrfField, type ConsoleView } from '../view';

const REPORT_ROWS_SHOWN = 500;
const separatorName = (separator: string): string => (separator === '\t' ? 'tab' : separator);

function ErrorNote({ error }: { error?: string | null }) {
  return error ? (
    <p role="alert" class="error" id="import-error">
      {error}
    </p>
  ) : null;
}

/** /console/import: upload a file, and the latest imports. */
export function ImportStartPage({
  view,
  imports,
  error,
}: {
  view: ConsoleView;
  imports: DataImport[];
  error?: string | null;
}) {
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('transfer.title')} active="import">
      <ErrorNote error={error} />
      <p>{t.t('transfer.intro')}</p>
      <section class="card" aria-labelledby="h-upload">
        <h2 id="h-upload">{t.t('transfer.upload.heading')}</h2>
        <form method="post" action="/console/import" enctype="multipart/form-data">
          <CsrfField view={view} />
          <div>
            <label for="import-kind">{t.t('transfer.field.kind')}</label>
            <select id="import-kind" name="kind" required>
              {IMPORT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t.dynamic(`transfer.kind.${kind}`) ?? kind}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="import-file">{t.t('transfer.field.file')}</label>
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".csv,.txt,text/csv"
              required
              aria-describedby="import-file-hint"
            />
            <p id="import-file-hint" class="hint">
              {t.t('transfer.field.fileHint')}
            </p>
          </div>
          <div>
            <label for="import-source">{t.t('transfer.field.source')}</label>
            <input
              id="import-source"
              name="sourceLabel"
              type="text"
              maxLength={100}
              placeholder="Freinet-Online"
            />
          </div>
          <button type="submit">{t.t('transfer.upload.submit')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-latest">
        <h2 id="h-latest">{t.t('transfer.latest')}</h2>
        {imports.length === 0 ? (
          <p>{t.t('transfer.none')}</p>
        ) : (
          <div class="table-wrap">
            <table id="imports">
              <thead>
                <tr>
                  <th scope="col">{t.t('transfer.field.file')}</th>
                  <th scope="col">{t.t('transfer.field.kind')}</th>
                  <th scope="col">{t.t('transfer.status.label')}</th>
                  <th scope="col">{t.t('transfer.created')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <a href={`/console/import/${item.id}`}>{item.sourceFilename}</a>
                    </td>
                    <td>{t.dynamic(`transfer.kind.${item.kind}`) ?? item.kind}</td>
                    <td>{statusText(view, item)}</td>
                    <td>{formatDateTime(item.createdAt, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
}

function statusText(view: ConsoleView, item: DataImport): string {
  const { t } = view;
  if (item.status === 'uploaded') {
    return item.finishedAt ? t.t('transfer.status.checked') : t.t('transfer.status.uploaded');
  }
  return t.dynamic(`transfer.status.${item.status}`) ?? item.status;
}

/** /console/import/:id: settings and mapping, the dry run's report, then progress and result. */
export function ImportPage({
  view,
  item,
  error,
}: {
  view: ConsoleView;
  item: DataImport;
  error?: string | null;
}) {
  const { t } = view;
  const editable = item.status === 'uploaded';
  const running = item.status === 'queued' || item.status === 'running';
  const checked = editable && item.finishedAt !== null;
  const fields = IMPORT_FIELDS[item.kind] as readonly string[];
  const total = item.totalRows ?? 0;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('transfer.importOf', { file: item.sourceFilename })}
      active="import"
    >
      {running ? <meta http-equiv="refresh" content="3" /> : null}
      <ErrorNote error={error ?? item.error} />
      <p>
        <a href="/console/import">{t.t('transfer.back')}</a>
      </p>
      <p id="import-status">
        {t.t('transfer.status.label')}: <strong>{statusText(view, item)}</strong>
      </p>
      {editable ? (
        <section class="card" aria-labelledby="h-settings">
          <h2 id="h-settings">{t.t('transfer.settings')}</h2>
          <form method="post" action={`/console/import/${item.id}/dry-run`}>
            <CsrfField view={view} />
            <div>
              <label for="import-encoding">{t.t('transfer.field.encoding')}</label>
              <select id="import-encoding" name="encoding">
                {IMPORT_ENCODINGS.map((encoding) => (
                  <option key={encoding} value={encoding} selected={encoding === item.encoding}>
                    {encoding === 'utf-8'
                      ? 'UTF-8'
                      : encoding === 'windows-1252'
                        ? 'Windows-1252'
                        : 'ISO-8859-1'}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="import-separator">{t.t('transfer.field.separator')}</label>
              <select id="import-separator" name="separator">
                {[';', ',', 'tab'].map((separator) => (
                  <option
                    key={separator}
                    value={separator}
                    selected={separatorName(item.separator) === separator}
                  >
                    {separator === 'tab' ? t.t('transfer.separator.tab') : separator}
                  </option>
                ))}
              </select>
            </div>
            <table id="mapping">
              <caption>{t.t('transfer.mapping.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.t('transfer.mapping.column')}</th>
                  <th scope="col">{t.t('transfer.mapping.field')}</th>
                </tr>
              </thead>
              <tbody>
                {item.headers.map((header, index) => (
                  <tr key={index}>
                    <th scope="row">
                      <label for={`map-${index}`}>{header || `#${index + 1}`}</label>
                    </th>
                    <td>
                      <select id={`map-${index}`} name={`map.${index}`}>
                        <option value="">{t.t('transfer.mapping.ignore')}</option>
                        {fields.map((field) => (
                          <option key={field} value={field} selected={item.mapping[String(index)] === field}>
                            {t.dynamic(`transfer.fieldName.${field}`) ?? field}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit">{t.t('transfer.dryRun')}</button>
          </form>
        </section>
      ) : null}
      {running ? (
        <section class="card" aria-labelledby="h-progress">
          <h2 id="h-progress">{t.t('transfer.progress')}</h2>
          <p>
            <progress
              id="import-progress"
              max={total || 1}
              value={item.processedRows}
              aria-labelledby="h-progress"
            />{' '}
            {t.t('transfer.rowsDone', { done: String(item.processedRows), total: String(total) })}
          </p>
        </section>
      ) : null}
      {item.finishedAt !== null ? (
        <section class="card" aria-labelledby="h-result">
          <h2 id="h-result">{item.dryRun ? t.t('transfer.dryRunResult') : t.t('transfer.result')}</h2>
          <ul id="import-counts">
            <li>{t.t('transfer.count.rows', { count: String(item.totalRows ?? 0) })}</li>
            <li>
              {item.dryRun
                ? t.t('transfer.count.wouldInsert', { count: String(item.insertedCount) })
                : t.t('transfer.count.inserted', { count: String(item.insertedCount) })}
            </li>
            <li>{t.t('transfer.count.duplicates', { count: String(item.duplicateCount) })}</li>
            <li>{t.t('transfer.count.rejected', { count: String(item.rejectedCount) })}</li>
            <li>{t.t('transfer.count.warnings', { count: String(item.warningCount) })}</li>
          </ul>
          {item.report.length > 0 ? (
            <>
              <p>
                <a href={`/console/import/${item.id}/report.csv`} download>
                  {t.t('transfer.reportCsv')}
                </a>
              </p>
              <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="report-caption">
                <table id="report">
                  <caption id="report-caption">{t.t('transfer.report.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.t('transfer.report.row')}</th>
                      <th scope="col">{t.t('transfer.report.field')}</th>
                      <th scope="col">{t.t('transfer.report.problem')}</th>
                      <th scope="col">{t.t('transfer.report.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.report.slice(0, REPORT_ROWS_SHOWN).map(([row, field, code, value], index) => (
                      <tr key={index}>
                        <td>{row}</td>
                        <td>{t.dynamic(`transfer.fieldName.${field}`) ?? field}</td>
                        <td>{problemText(view, code)}</td>
                        <td>{value ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {item.report.length > REPORT_ROWS_SHOWN ? (
                <p>
                  {t.t('transfer.report.more', { count: String(item.report.length - REPORT_ROWS_SHOWN) })}
                </p>
              ) : null}
            </>
          ) : null}
          {checked ? (
            <form method="post" action={`/console/import/${item.id}/start`}>
              <CsrfField view={view} />
              <button type="submit">{t.t('transfer.start')}</button>
            </form>
          ) : null}
        </section>
      ) : null}
    </ConsoleLayout>
  );
}

/** A report code in words; warnings say so. */
export function problemText(view: ConsoleView, code: string): string {
  const warning = code.startsWith('w:');
  const bare = warning ? code.slice(2) : code;
  const text = view.t.dynamic(`transfer.problem.${bare}`) ?? bare;
  return warning ? `${view.t.t('transfer.warning')}: ${text}` : text;
}
