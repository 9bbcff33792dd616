import { escapeHtml } from '../common/html';
import { SUPPORTED_LOCALES, translator, type Translator } from './i18n';

/*
 * Server-rendered public pages (no scripts needed): large type, high contrast, visible focus, a
 * skip link, a language switch, and errors both in a summary at the top and next to their field,
 * tied to it with aria-describedby.
 */

export type FormValues = Record<string, string | string[]>;
/** Field name → i18n key of the message that says how to fix it. */
export type FormErrors = Record<string, string>;

export interface FormState {
  values: FormValues;
  errors: FormErrors;
}

export const emptyForm = (): FormState => ({ values: {}, errors: {} });

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.55; color: #111; background: #fff; margin: 0; }
  header, main, footer { max-width: 42rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem 1rem; border-bottom: 2px solid #0b4f8a; }
  header .site { font-weight: 700; font-size: 1.35rem; color: #0b4f8a; text-decoration: none; }
  nav.lang ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
  h1 { font-size: 1.9rem; line-height: 1.25; }
  h2 { font-size: 1.4rem; }
  a { color: #0b4f8a; text-underline-offset: .15em; }
  .skip, .trap { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  .skip:focus { position: static; width: auto; height: auto; clip: auto; clip-path: none; display: block; padding: .5rem 1rem; background: #ffdd00; color: #111; }
  label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
  .choice label { display: inline; font-weight: 400; }
  .field { margin: 0 0 1.5rem; }
  fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
  .hint { color: #333; margin: 0 0 .35rem; }
  input[type=text], input[type=email], input[type=tel], input[type=number], select, textarea {
    font: inherit; width: 100%; max-width: 30rem; padding: .5rem .6rem; border: 2px solid #111; border-radius: .25rem; background: #fff; color: #111; }
  textarea { min-height: 6rem; }
  input.short { max-width: 9rem; }
  .choice { display: flex; align-items: flex-start; gap: .6rem; margin: .4rem 0; }
  .choice input { width: 1.5rem; height: 1.5rem; margin: .15rem 0 0; flex: none; }
  .error-message { color: #b00020; font-weight: 700; margin: 0 0 .35rem; }
  .has-error input[type=text], .has-error input[type=email], .has-error input[type=tel], .has-error input[type=number], .has-error select, .has-error textarea { border-color: #b00020; border-width: 3px; }
  .has-error { border-inline-start: 5px solid #b00020; padding-inline-start: .75rem; }
  .error-summary { border: 4px solid #b00020; padding: .75rem 1rem; margin-bottom: 1.5rem; }
  .error-summary a { color: #b00020; font-weight: 700; }
  button, .button { font: inherit; font-weight: 700; padding: .8rem 1.6rem; border-radius: .4rem; border: 3px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: #0b4f8a; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, main:focus-visible, .error-summary:focus-visible {
    outline: 4px solid #f2a900; outline-offset: 3px; box-shadow: 0 0 0 7px #111; }
  .note { background: #eef3f8; border-inline-start: 5px solid #0b4f8a; padding: .75rem 1rem; }
  ul.choices { list-style: none; padding: 0; }
  ul.choices li { margin: .75rem 0; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #666; padding: .35rem .5rem; text-align: start; }
`;

export function publicPage(options: {
  tr: Translator;
  title: string;
  body: string;
  /** The page's own path, for the language switch (no query string). */
  path: string;
  status?: number;
}): string {
  const { tr } = options;
  const switcher = SUPPORTED_LOCALES.map((locale) => {
    const name = translator(locale).t('meta.name');
    return locale === tr.locale
      ? `<li><span aria-current="true" lang="${locale}">${escapeHtml(name)}</span></li>`
      : `<li><a href="${escapeHtml(options.path)}?lang=${locale}" lang="${locale}" hreflang="${locale}">${escapeHtml(name)}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="${tr.locale}" dir="${tr.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} – ${escapeHtml(tr.t('site.name'))}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(tr.t('site.skip'))}</a>
<header>
  <a class="site" href="/?lang=${tr.locale}">${escapeHtml(tr.t('site.name'))}</a>
  <nav class="lang" aria-label="${escapeHtml(tr.t('site.language'))}"><ul>${switcher}</ul></nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer><p>${escapeHtml(tr.t('site.phoneHint'))}</p></footer>
</body>
</html>`;
}

const fieldId = (name: string): string => `f-${name}`;
const valueOf = (state: FormState, name: string): string => {
  const value = state.values[name];
  return typeof value === 'string' ? value : '';
};
const valuesOf = (state: FormState, name: string): string[] => {
  const value = state.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
};

/** Links to each field at fault, in the order they appear, so keyboard users can jump there. */
export function errorSummary(tr: Translator, state: FormState, order: string[]): string {
  const names = order.filter((name) => state.errors[name]);
  if (names.length === 0) {
    return '';
  }
  const items = names
    .map((name) => `<li><a href="#${fieldId(name)}">${escapeHtml(tr.t(state.errors[name]))}</a></li>`)
    .join('');
  return `<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2>${escapeHtml(tr.t('form.errorSummary'))}</h2><ul>${items}</ul></div>`;
}

function describedBy(state: FormState, name: string, hint: boolean): string {
  const ids = [hint ? `${fieldId(name)}-hint` : '', state.errors[name] ? `${fieldId(name)}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids ? ` aria-describedby="${ids}"` : '';
}

function messages(tr: Translator, state: FormState, name: string, hint?: string): string {
  return [
    hint ? `<p class="hint" id="${fieldId(name)}-hint">${escapeHtml(tr.t(hint))}</p>` : '',
    state.errors[name]
      ? `<p class="error-message" id="${fieldId(name)}-error">${escapeHtml(tr.t(state.errors[name]))}</p>`
      : '',
  ].join('');
}

export function textField(
  tr: Translator,
  state: FormState,
  field: {
    name: string;
    label: string;
    hint?: string;
    type?: 'text' | 'email' | 'tel' | 'number';
    autocomplete?: string;
    required?: boolean;
    multiline?: boolean;
    short?: boolean;
    inputmode?: string;
    maxLength?: number;
  },
): string {
  const { name } = field;
  const attributes = [
    `id="${fieldId(name)}"`,
    `name="${name}"`,
    field.autocomplete ? `autocomplete="${field.autocomplete}"` : '',
    field.required ? 'required aria-required="true"' : '',
    state.errors[name] ? 'aria-invalid="true"' : '',
    field.inputmode ? `inputmode="${field.inputmode}"` : '',
    field.short ? 'class="short"' : '',
    `maxlength="${field.maxLength ?? 200}"`,
  ]
    .filter(Boolean)
    .join(' ');
  const input = field.multiline
    ? `<textarea ${attributes}${describedBy(state, name, Boolean(field.hint))}>${escapeHtml(valueOf(state, name))}</textarea>`
    : `<input type="${field.type ?? 'text'}" ${attributes}${describedBy(state, name, Boolean(field.hint))} value="${escapeHtml(valueOf(state, name))}">`;
  const optional = field.required ? '' : ` <span class="hint">(${escapeHtml(tr.t('form.optional'))})</span>`;
  return `<div class="field${state.errors[name] ? ' has-error' : ''}">
<label for="${fieldId(name)}">${escapeHtml(tr.t(field.label))}${optional}</label>
${messages(tr, state, name, field.hint)}
${input}
</div>`;
}

export function selectField(
  tr: Translator,
  state: FormState,
  field: { name: string; label: string; options: { value: string; label: string }[]; placeholder?: string },
): string {
  const current = valueOf(state, field.name);
  const options = [
    field.placeholder ? `<option value="">${escapeHtml(tr.t(field.placeholder))}</option>` : '',
    ...field.options.map(
      (option) =>
        `<option value="${escapeHtml(option.value)}"${option.value === current ? ' selected' : ''}>${escapeHtml(option.label)}</option>`,
    ),
  ].join('');
  return `<div class="field${state.errors[field.name] ? ' has-error' : ''}">
<label for="${fieldId(field.name)}">${escapeHtml(tr.t(field.label))}</label>
${messages(tr, state, field.name)}
<select id="${fieldId(field.name)}" name="${field.name}" required aria-required="true"${state.errors[field.name] ? ' aria-invalid="true"' : ''}${describedBy(state, field.name, false)}>${options}</select>
</div>`;
}

/**
 * Radio buttons or checkboxes in a fieldset. The first input carries the group's id, so the error
 * summary's link lands on it; every input is described by the error.
 */
export function choiceField(
  tr: Translator,
  state: FormState,
  field: {
    name: string;
    legend: string;
    hint?: string;
    type: 'radio' | 'checkbox';
    options: { value: string; label: string }[];
    /** A visually plain single checkbox (consent) whose label is the whole statement. */
    required?: boolean;
  },
): string {
  const chosen = valuesOf(state, field.name);
  const inputs = field.options
    .map((option, index) => {
      const id = index === 0 ? fieldId(field.name) : `${fieldId(field.name)}-${index}`;
      return `<div class="choice"><input type="${field.type}" id="${id}" name="${field.name}" value="${escapeHtml(option.value)}"${chosen.includes(option.value) ? ' checked' : ''}${field.required && field.type === 'radio' && index === 0 ? ' required' : ''}${state.errors[field.name] ? ' aria-invalid="true"' : ''}${describedBy(state, field.name, Boolean(field.hint))}> <label for="${id}">${escapeHtml(option.label)}</label></div>`;
    })
    .join('\n');
  return `<fieldset class="${state.errors[field.name] ? 'has-error' : ''}">
<legend>${escapeHtml(tr.t(field.legend))}</legend>
${messages(tr, state, field.name, field.hint)}
${inputs}
</fieldset>`;
}

/** Hidden from people (visually hidden, out of the tab order, ignored by screen readers); bots fill it in. */
export function honeypot(tr: Translator): string {
  return `<div class="trap" aria-hidden="true"><label for="f-website">${escapeHtml(tr.t('form.honeypot'))}</label>
<input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value=""></div>`;
}

export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}
