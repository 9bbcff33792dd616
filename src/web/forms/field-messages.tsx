import type { FieldError } from '../../common/validation';
import type { Translator } from '../../i18n';

/** The id of a field's input; nested DTO paths ("schedule.date") become valid ids. */
export const fieldId = (field: string): string => `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
export const errorId = (field: string): string => `${fieldId(field)}-error`;

export const problemFor = (problems: FieldError[], field: string): string | undefined =>
  problems.find((problem) => problem.field === field)?.message;

/** The attributes that tie an input to its hint and its error, for screen readers. */
export function fieldAria(
  field: string,
  problems: FieldError[],
  hintId?: string,
): { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  const broken = problemFor(problems, field) !== undefined;
  const describedBy = [hintId, broken ? errorId(field) : undefined].filter(Boolean).join(' ');
  return {
    id: fieldId(field),
    ...(broken ? { 'aria-invalid': 'true' as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

/** The message next to its field. */
export function FieldMessage({ problems, field }: { problems: FieldError[]; field: string }) {
  const message = problemFor(problems, field);
  return message === undefined ? null : (
    <p class="error-message" id={errorId(field)}>
      {message}
    </p>
  );
}

/**
 * Every problem at the top of the form, each linking to its field. `labels` names the fields as the
 * form does, so the summary reads "Postleitzahl: …" rather than a code.
 */
export function ErrorSummary({
  t,
  problems,
  labels = {},
}: {
  t: Translator;
  problems: FieldError[];
  labels?: Record<string, string>;
}) {
  if (problems.length === 0) {
    return null;
  }
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2>{t.t('common.form.errorSummary')}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.field}>
            <a href={`#${fieldId(problem.field)}`}>
              {labels[problem.field] ? `${labels[problem.field]}: ${problem.message}` : problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
