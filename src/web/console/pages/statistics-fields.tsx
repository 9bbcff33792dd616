import type { Translator } from '../../../i18n';
import type { FieldError } from '../../../common/validation';
import { GENDERS, PRIORITY_GROUPS } from '../../../shared/statistics-fields';
import { CheckboxGroup, SelectField, codeLabel } from '../view';

/*
 * The optional facts for the funders' statistics (docs/reports.md): always marked optional, and
 * "not given" is the default. Priority groups are never shown to volunteers or hosts.
 */

export function GenderField(props: {
  t: Translator;
  value: string | null | undefined;
  problems: FieldError[];
}) {
  const { t } = props;
  return (
    <SelectField
      label={t.t('console.statistics.gender')}
      name="gender"
      value={props.value ?? ''}
      problems={props.problems}
      choices={[
        { value: '', label: t.t('console.statistics.notGiven') },
        ...GENDERS.map((gender) => ({ value: gender, label: codeLabel(t, gender) })),
      ]}
    />
  );
}

export function PriorityGroupsField(props: { t: Translator; selected: string[]; problems: FieldError[] }) {
  const { t } = props;
  return (
    <CheckboxGroup
      legend={t.t('console.statistics.priorityGroups')}
      name="priorityGroups"
      choices={PRIORITY_GROUPS.map((group) => ({ value: group, label: codeLabel(t, group) }))}
      selected={props.selected}
      problems={props.problems}
    />
  );
}
