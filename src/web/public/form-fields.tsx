import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { CallUsHint } from '../shell/agency-contact';
import { FieldNeed } from '../shell/site-parts';
import { ErrorSummary, FieldMessage, fieldAria, fieldId, problemFor } from '../forms/field-messages';

/** What a public form shows: the posted values (kept on error) and the problems by form field. */
export type FormValues = Record<string, string | string[]>;
export interface FormState {
  values: FormValues;
  problems: FieldError[];
}
export const emptyForm = (): FormState => ({ values: {}, problems: [] });

export interface Option {
  value: string;
  label: string;
}

const valueOf = (state: FormState, name: string): string => {
  const value = state.values[name];
  return typeof value === 'string' ? value : '';
};
const valuesOf = (state: FormState, name: string): string[] => {
  const value = state.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
};
const hintId = (name: string): string => `${fieldId(name)}-hint`;
const fieldClass = (state: FormState, name: string, base: string): string =>
  problemFor(state.problems, name) === undefined ? base : `${base} has-error`;

/** A hint; each line of the message on a line of its own (Leichte Sprache: one idea per line). */
function Hint({ t, name, hint, text }: { t: Translator; name: string; hint?: MessageKey; text?: string }) {
  if (!hint && !text) {
    return null;
  }
  const lines = (text ?? t.t(hint as MessageKey)).split('\n');
  return (
    <p class="hint" id={hintId(name)}>
      {lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </p>
  );
}

export function TextField(props: {
  t: Translator;
  state: FormState;
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  /** A hint built by the page (with placeholders filled), instead of `hint`. */
  hintText?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  required?: boolean;
  multiline?: boolean;
  short?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text';
  maxLength?: number;
}) {
  const { t, state, name } = props;
  const aria = fieldAria(name, state.problems, props.hint || props.hintText ? hintId(name) : undefined);
  const common = {
    ...aria,
    name,
    autoComplete: props.autocomplete,
    required: props.required,
    'aria-required': props.required ? ('true' as const) : undefined,
    inputMode: props.inputMode,
    class: props.short ? 'short' : undefined,
    maxLength: props.maxLength ?? 200,
  };
  return (
    <div class={fieldClass(state, name, 'field')}>
      <label for={aria.id}>
        {t.t(props.label)}
        <FieldNeed t={t} required={Boolean(props.required)} />
      </label>
      <Hint t={t} name={name} hint={props.hint} text={props.hintText} />
      <FieldMessage problems={state.problems} field={name} />
      {props.multiline ? (
        <textarea {...common} value={valueOf(state, name)} />
      ) : (
        <input type={props.type ?? 'text'} {...common} value={valueOf(state, name)} />
      )}
    </div>
  );
}

export function SelectField(props: {
  t: Translator;
  state: FormState;
  name: string;
  label: MessageKey;
  placeholder: MessageKey;
  options: Option[];
  hint?: MessageKey;
  /** Default true; an optional select (e.g. asked only for some categories) is not marked required. */
  required?: boolean;
}) {
  const { t, state, name } = props;
  const required = props.required ?? true;
  const aria = fieldAria(name, state.problems, props.hint ? hintId(name) : undefined);
  const current = valueOf(state, name);
  return (
    <div class={fieldClass(state, name, 'field')}>
      <label for={aria.id}>
        {t.t(props.label)}
        <FieldNeed t={t} required={required} />
      </label>
      <Hint t={t} name={name} hint={props.hint} />
      <FieldMessage problems={state.problems} field={name} />
      <select {...aria} name={name} required={required} aria-required={required ? 'true' : undefined}>
        <option value="">{t.t(props.placeholder)}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === current}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Radio buttons or checkboxes in a fieldset. The first input carries the group's id, so the error
 * summary's link lands on it; every input is described by the hint and the error.
 */
export function ChoiceField(props: {
  t: Translator;
  state: FormState;
  name: string;
  legend: MessageKey;
  hint?: MessageKey;
  type: 'radio' | 'checkbox';
  options: Option[];
  required?: boolean;
}) {
  const { t, state, name } = props;
  const chosen = valuesOf(state, name);
  const aria = fieldAria(name, state.problems, props.hint ? hintId(name) : undefined);
  return (
    <fieldset class={fieldClass(state, name, '')}>
      <legend>{t.t(props.legend)}</legend>
      <Hint t={t} name={name} hint={props.hint} />
      <FieldMessage problems={state.problems} field={name} />
      {props.options.map((option, index) => {
        const id = index === 0 ? aria.id : `${aria.id}-${index}`;
        return (
          <div class="choice" key={option.value}>
            <input
              type={props.type}
              {...aria}
              id={id}
              name={name}
              value={option.value}
              checked={chosen.includes(option.value)}
              required={props.required && props.type === 'radio' && index === 0}
            />{' '}
            <label for={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** Hidden from people (visually hidden, out of the tab order, ignored by screen readers); bots fill it in. */
function Honeypot({ t }: { t: Translator }) {
  return (
    <div class="trap" aria-hidden="true">
      <label for={fieldId('website')}>{t.t('public.form.honeypot')}</label>
      <input type="text" id={fieldId('website')} name="website" tabIndex={-1} autoComplete="off" value="" />
    </div>
  );
}

/**
 * A public form: the phone number first (nobody has to fill in a form), then the problems, then the
 * fields. The language travels as a hidden field, so the answer comes in the same language.
 */
export function PublicForm(props: {
  t: Translator;
  agency: AgencyProfile;
  action: string;
  state: FormState;
  labels: Record<string, string>;
  children: ComponentChildren;
}) {
  const { t } = props;
  return (
    <>
      <CallUsHint t={t} agency={props.agency} />
      <ErrorSummary t={t} problems={props.state.problems} labels={props.labels} />
      <form method="post" action={props.action} noValidate>
        <Hidden name="lang" value={t.locale} />
        <Honeypot t={t} />
        {props.children}
      </form>
    </>
  );
}
