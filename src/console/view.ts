import { escapeHtml } from '../common/html';
import type { FieldError } from '../common/validation';
import type { StaffRole } from '../staff/staff-user.entity';
import { CONSOLE_LANGS, type ConsoleLang, type Translate } from './i18n';
import { CSRF_FIELD } from './csrf';

/** What every console page needs to render: language, texts, who is logged in, the form token. */
export interface ConsoleView {
  lang: ConsoleLang;
  t: Translate;
  staff: { name: string; role: StaffRole } | null;
  csrf: string;
  /** Path and query of the current page, for the language switch. */
  path: string;
}

export type NavKey = 'today' | 'intake' | 'volunteers' | 'providers' | 'mail' | 'settings';

const NAV: { key: NavKey; href: string; adminOnly?: boolean }[] = [
  { key: 'today', href: '/console' },
  { key: 'intake', href: '/console/intake' },
  { key: 'volunteers', href: '/console/volunteers' },
  { key: 'providers', href: '/console/providers' },
  { key: 'mail', href: '/console/mail' },
  { key: 'settings', href: '/console/settings', adminOnly: true },
];

export const e = escapeHtml;

const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #f6f7f9; margin: 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
  .skip:focus { left: .5rem; z-index: 10; }
  header { background: #0b3d66; color: #fff; }
  header .bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; max-width: 72rem; margin: 0 auto; padding: .5rem 1rem; }
  header a, header button.link { color: #fff; }
  header .brand { font-weight: 700; text-decoration: none; margin-right: .5rem; }
  nav ul { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; margin: 0; padding: 0; }
  nav a { display: inline-block; padding: .4rem .2rem; text-decoration: none; border-bottom: 3px solid transparent; }
  nav a[aria-current="page"] { border-bottom-color: #ffd166; font-weight: 600; }
  .tools { margin-left: auto; display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
  h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
  h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
  .card { background: #fff; border: 1px solid #c9d1da; border-radius: .5rem; padding: .75rem 1rem; margin-bottom: 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
  .table-wrap { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d5dbe1; vertical-align: top; }
  th { background: #eef2f6; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  a { color: #0a4f8f; }
  label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
  label.inline { display: inline-flex; gap: .4rem; align-items: center; font-weight: 400; }
  input, select, textarea { font: inherit; padding: .45rem .5rem; border: 1px solid #5a6b7b; border-radius: .3rem; background: #fff; color: #1a1a1a; max-width: 100%; }
  input:not([type="checkbox"]):not([type="radio"]), select, textarea { width: 100%; }
  input[type="checkbox"], input[type="radio"] { width: 1.2rem; height: 1.2rem; }
  fieldset.choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .25rem 1rem; }
  fieldset.choices legend { grid-column: 1 / -1; }
  fieldset { border: 1px solid #c9d1da; border-radius: .4rem; margin: .75rem 0; padding: .5rem 1rem 1rem; }
  legend { font-weight: 700; padding: 0 .3rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
  .row > div { flex: 1 1 10rem; }
  button, .button { font: inherit; font-weight: 600; padding: .5rem 1rem; border-radius: .4rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: #0b4f8a; }
  button.danger { background: #fff; color: #a4161a; border-color: #a4161a; }
  button.link { background: none; border: none; padding: 0; text-decoration: underline; font-weight: 400; }
  :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  .notice { background: #e7f4ea; border-left: 4px solid #1e7b34; padding: .6rem 1rem; margin-bottom: 1rem; }
  .alert { background: #fdecea; border-left: 4px solid #a4161a; padding: .6rem 1rem; margin-bottom: 1rem; }
  .error { color: #a4161a; font-weight: 600; margin: .2rem 0 0; }
  .muted { color: #4a5663; }
  .waited { white-space: nowrap; color: #4a5663; }
  .count { display: inline-block; min-width: 1.6rem; text-align: center; background: #0b3d66; color: #fff; border-radius: 1rem; padding: 0 .4rem; font-size: .9rem; }
  .items { list-style: none; padding: 0; margin: 0; }
  .items li { padding: .4rem 0; border-bottom: 1px solid #e1e6eb; display: flex; flex-wrap: wrap; gap: .25rem 1rem; justify-content: space-between; }
  form.inline { display: inline; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  @media (max-width: 48rem) { main { padding: .75rem; } h1 { font-size: 1.35rem; } }
`;

export function csrfField(view: ConsoleView): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${e(view.csrf)}">`;
}

function languageLinks(view: ConsoleView): string {
  const [pathname, search = ''] = view.path.split('?');
  const params = new URLSearchParams(search);
  return CONSOLE_LANGS.filter((lang) => lang !== view.lang)
    .map((lang) => {
      params.set('lang', lang);
      return `<a href="${e(`${pathname}?${params.toString()}`)}" lang="${lang}" hreflang="${lang}">${lang === 'de' ? 'Deutsch' : 'English'}</a>`;
    })
    .join(' ');
}

/** The shared page frame: skip link, navigation, language switch, logout, then the page. */
export function consoleLayout(
  view: ConsoleView,
  options: { title: string; active?: NavKey; body: string; notice?: string | null },
): string {
  const { t, staff } = view;
  const nav = staff
    ? `<nav aria-label="${e(t('nav.main'))}"><ul>${NAV.filter(
        (item) => !item.adminOnly || staff.role === 'admin',
      )
        .map(
          (item) =>
            `<li><a href="${item.href}"${item.key === options.active ? ' aria-current="page"' : ''}>${e(t(`nav.${item.key}`))}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';
  const logout = staff
    ? `<span>${e(staff.name)}</span><form method="post" action="/console/logout" class="inline">${csrfField(view)}<button type="submit" class="link">${e(t('nav.logout'))}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(options.title)} – ${e(t('app.name'))}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${e(t('nav.skip'))}</a>
<header><div class="bar"><a class="brand" href="/console">${e(t('app.name'))}</a>${nav}<div class="tools">${languageLinks(view)}${logout}</div></div></header>
<main id="main" tabindex="-1">
<h1>${e(options.title)}</h1>
${options.notice ? `<p class="notice" role="status">${e(options.notice)}</p>` : ''}
${options.body}
</main>
</body>
</html>`;
}

export interface FieldOptions {
  type?: string;
  value?: string | number | null;
  required?: boolean;
  errors?: FieldError[];
  /** Error field path when it differs from the name, e.g. "helpSeeker.name". */
  errorField?: string;
  attrs?: string;
  hint?: string;
}

function fieldError(id: string, name: string, options: FieldOptions): { html: string; describedBy: string } {
  const error = options.errors?.find((candidate) => candidate.field === (options.errorField ?? name));
  return error
    ? { html: `<p class="error" id="${id}-error">${e(error.message)}</p>`, describedBy: `${id}-error` }
    : { html: '', describedBy: '' };
}

const fieldId = (name: string): string => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export function inputField(label: string, name: string, options: FieldOptions = {}): string {
  const id = fieldId(name);
  const error = fieldError(id, name, options);
  return `<div><label for="${id}">${e(label)}</label><input id="${id}" name="${e(name)}" type="${options.type ?? 'text'}" value="${e(String(options.value ?? ''))}"${options.required ? ' required' : ''}${error.describedBy ? ` aria-invalid="true" aria-describedby="${error.describedBy}"` : ''} ${options.attrs ?? ''}>${error.html}</div>`;
}

export function textareaField(label: string, name: string, options: FieldOptions = {}): string {
  const id = fieldId(name);
  const error = fieldError(id, name, options);
  return `<div><label for="${id}">${e(label)}</label><textarea id="${id}" name="${e(name)}" rows="3"${options.required ? ' required' : ''}${error.describedBy ? ` aria-invalid="true" aria-describedby="${error.describedBy}"` : ''} ${options.attrs ?? ''}>${e(String(options.value ?? ''))}</textarea>${error.html}</div>`;
}

export function selectField(
  label: string,
  name: string,
  choices: { value: string; label: string }[],
  options: FieldOptions & { multiple?: boolean; selected?: string[] } = {},
): string {
  const id = fieldId(name);
  const error = fieldError(id, name, options);
  const selected = options.selected ?? [String(options.value ?? '')];
  return `<div><label for="${id}">${e(label)}</label><select id="${id}" name="${e(name)}"${options.multiple ? ' multiple size="6"' : ''}${options.required ? ' required' : ''}${error.describedBy ? ` aria-invalid="true" aria-describedby="${error.describedBy}"` : ''} ${options.attrs ?? ''}>${choices
    .map(
      (choice) =>
        `<option value="${e(choice.value)}"${selected.includes(choice.value) ? ' selected' : ''}>${e(choice.label)}</option>`,
    )
    .join('')}</select>${error.html}</div>`;
}

export function errorSummary(view: ConsoleView, errors: FieldError[]): string {
  if (errors.length === 0) {
    return '';
  }
  return `<div class="alert" role="alert"><p><strong>${e(view.t('form.errors'))}</strong></p><ul>${errors
    .map((error) => `<li>${error.field ? `${e(error.field)}: ` : ''}${e(error.message)}</li>`)
    .join('')}</ul></div>`;
}

/** A one-button POST form (approve, reject, …), with the CSRF token. */
export function actionButton(
  view: ConsoleView,
  action: string,
  label: string,
  options: { className?: string; hidden?: Record<string, string>; ariaLabel?: string } = {},
): string {
  const hidden = Object.entries(options.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
  return `<form method="post" action="${e(action)}" class="inline">${csrfField(view)}${hidden}<button type="submit"${options.className ? ` class="${options.className}"` : ''}${options.ariaLabel ? ` aria-label="${e(options.ariaLabel)}"` : ''}>${e(label)}</button></form>`;
}

/** Several choices as checkboxes in a fieldset: easier by keyboard and touch than a multi-select. */
export function checkboxGroup(
  legend: string,
  name: string,
  choices: { value: string; label: string }[],
  selected: string[],
  errors: FieldError[] = [],
): string {
  const error = errors.find((candidate) => candidate.field === name);
  return `<fieldset class="choices"><legend>${e(legend)}</legend>${choices
    .map(
      (choice) =>
        `<label class="inline"><input type="checkbox" name="${e(name)}" value="${e(choice.value)}"${selected.includes(choice.value) ? ' checked' : ''}> ${e(choice.label)}</label>`,
    )
    .join('')}${error ? `<p class="error">${e(error.message)}</p>` : ''}</fieldset>`;
}
