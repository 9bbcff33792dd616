import type { FieldError } from '../../../common/validation';
import type { Urgency } from '../../../help-seekers/help-request.entity';
import type { UrgencySettings, UrgencyThreshold } from '../../../settings/urgency-settings';
import type { Translator } from '../../../i18n';
import { availabilityLine } from '../format';
import {
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  codeLabel,
  type ConsoleView,
} from '../view';

const URGENCY_ORDER: Urgency[] = ['high', 'normal', 'low'];

/** What the form shows: the saved settings, or what was posted with its problems. */
export interface UrgencyForm {
  thresholds: Record<Urgency, { amount: string; unit: string }>;
  openingHours: string;
}

export function urgencyForm(settings: UrgencySettings, t: Translator): UrgencyForm {
  return {
    thresholds: Object.fromEntries(
      URGENCY_ORDER.map((urgency) => [
        urgency,
        { amount: String(settings.thresholds[urgency].amount), unit: settings.thresholds[urgency].unit },
      ]),
    ) as UrgencyForm['thresholds'],
    openingHours: availabilityLine(settings.openingHours, t),
  };
}

/** "4 Stunden", "2 Arbeitstage" (working days: with opening hours; else days). */
export function thresholdText(threshold: UrgencyThreshold, t: Translator, hasOpeningHours: boolean): string {
  if (threshold.unit === 'hours') {
    return t.t('console.urgency.hours', { amount: threshold.amount });
  }
  return hasOpeningHours
    ? t.t('console.urgency.workingDays', { amount: threshold.amount })
    : t.t('console.urgency.days', { amount: threshold.amount });
}

/** One line on Heute: the thresholds in force and the opening hours they count in. */
export function UrgencySummary({ view, settings }: { view: ConsoleView; settings: UrgencySettings }) {
  const { t } = view;
  const hasHours = settings.openingHours.length > 0;
  const list = t.list(
    URGENCY_ORDER.map(
      (urgency) => `${codeLabel(t, urgency)}: ${thresholdText(settings.thresholds[urgency], t, hasHours)}`,
    ),
  );
  return (
    <p class="muted">
      {t.t('console.urgency.summary', { thresholds: list })}{' '}
      {hasHours
        ? t.t('console.urgency.countedIn', { hours: availabilityLine(settings.openingHours, t) })
        : t.t('console.urgency.calendarTime')}{' '}
      <a href="/console/settings/urgency">{t.t('console.urgency.edit')}</a>
    </p>
  );
}

export function UrgencyPage(props: {
  view: ConsoleView;
  form: UrgencyForm;
  canEdit: boolean;
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, form, canEdit } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  const unitChoices = [
    { value: 'hours', label: t.t('console.urgency.unitHours') },
    { value: 'days', label: t.t('console.urgency.unitDays') },
  ];
  return (
    <ConsoleLayout view={view} title={t.t('console.urgency.title')} active="settings" notice={props.notice}>
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          ...Object.fromEntries(
            URGENCY_ORDER.flatMap((urgency) => [
              [
                `thresholds.${urgency}.amount`,
                t.t('console.urgency.amountFor', { urgency: codeLabel(t, urgency) }),
              ],
              [
                `thresholds.${urgency}.unit`,
                t.t('console.urgency.unitFor', { urgency: codeLabel(t, urgency) }),
              ],
            ]),
          ),
          openingHours: t.t('console.urgency.openingHours'),
        }}
      />
      <p>{t.t('console.urgency.intro')}</p>
      <form method="post" action="/console/settings/urgency" class="card" noValidate>
        <CsrfField view={view} />
        <fieldset disabled={!canEdit}>
          <legend>{t.t('console.urgency.thresholds')}</legend>
          {URGENCY_ORDER.map((urgency) => (
            <div class="row" key={urgency}>
              <InputField
                label={t.t('console.urgency.amountFor', { urgency: codeLabel(t, urgency) })}
                name={`${urgency}.amount`}
                field={`thresholds.${urgency}.amount`}
                type="number"
                value={form.thresholds[urgency].amount}
                problems={problems}
                attrs={{ min: 1, step: 1, inputmode: 'numeric' }}
              />
              <SelectField
                label={t.t('console.urgency.unitFor', { urgency: codeLabel(t, urgency) })}
                name={`${urgency}.unit`}
                field={`thresholds.${urgency}.unit`}
                value={form.thresholds[urgency].unit}
                choices={unitChoices}
                problems={problems}
              />
            </div>
          ))}
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>{t.t('console.urgency.openingHours')}</legend>
          <InputField
            label={t.t('console.urgency.openingHoursLine')}
            name="openingHours"
            value={form.openingHours}
            problems={problems}
            attrs={{ placeholder: availabilityLine([{ weekday: 1, start: '09:00', end: '17:00' }], t) }}
          />
          <p class="muted">{t.t('console.urgency.openingHoursHelp')}</p>
        </fieldset>
        {canEdit ? (
          <p>
            <button type="submit">{t.t('console.form.save')}</button>
          </p>
        ) : null}
      </form>
    </ConsoleLayout>
  );
}
