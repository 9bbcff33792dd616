import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import { volunteerFiltersQuery, type UnknownFilterValue, type VolunteerFilters } from '../volunteer-search';

const UNKNOWN_MESSAGES: Record<UnknownFilterValue['field'], MessageKey> = {
  q: 'console.volunteerSearch.unknown.other',
  skill: 'console.volunteerSearch.unknown.skill',
  interest: 'console.volunteerSearch.unknown.interest',
  language: 'console.volunteerSearch.unknown.language',
  district: 'console.volunteerSearch.unknown.district',
  weekday: 'console.volunteerSearch.unknown.other',
  certificate: 'console.volunteerSearch.unknown.other',
  status: 'console.volunteerSearch.unknown.other',
  thisWeek: 'console.volunteerSearch.unknown.other',
  page: 'console.volunteerSearch.unknown.other',
};

/** "Die Sprache „Klingonisch“ kennen wir nicht …": one problem per filter value that names nothing known. */
export function unknownFilterProblems(t: Translator, unknown: UnknownFilterValue[]): FieldError[] {
  return unknown.map(({ field, value }) => ({ field, message: t.t(UNKNOWN_MESSAGES[field], { value }) }));
}

/** The filters' names for the error summary. */
export function volunteerFilterLabels(t: Translator): Record<string, string> {
  return {
    skill: t.t('console.volunteers.skill'),
    interest: t.t('console.volunteerSearch.interest'),
    language: t.t('console.volunteerSearch.language'),
    district: t.t('console.volunteers.district'),
    weekday: t.t('console.volunteers.weekday'),
    certificate: t.t('console.volunteers.certificate'),
    status: t.t('console.volunteers.status'),
    thisWeek: t.t('console.volunteerSearch.thisWeek'),
    page: t.t('console.volunteerSearch.page'),
  };
}

/** "Has assignments this week": accepted matches occurring Monday to Sunday of the current week. */
export function ThisWeekFilter({ t, checked }: { t: Translator; checked: boolean }) {
  return (
    <div id="thisWeek">
      <label class="inline">
        <input type="checkbox" name="thisWeek" value="1" checked={checked} />
        {t.t('console.volunteerSearch.thisWeek')}
      </label>
      <p class="muted">{t.t('console.volunteerSearch.thisWeekHint')}</p>
    </div>
  );
}

/** The same search as a CSV download (every page; the export is audited). */
export function ExportLink({ t, filters }: { t: Translator; filters: VolunteerFilters }) {
  const query = volunteerFiltersQuery(filters, 0);
  return (
    <p class="actions">
      <a id="volunteer-export" href={`/console/volunteers/export.csv${query ? `?${query}` : ''}`} download>
        {t.t('console.volunteerSearch.export')}
      </a>
      <span class="muted">{t.t('console.volunteerSearch.exportHint')}</span>
    </p>
  );
}
