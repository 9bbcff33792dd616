import { h, type ComponentChildren, type FunctionComponent } from 'preact';
import type { Response } from 'express';
import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import type { LocalizedText } from '../../shared/localized-text';
import type { StaffRole } from '../../staff/staff-user.entity';
import { ErrorSummary, FieldMessage, fieldAria } from '../forms/field-messages';
import { HtmlDocument } from '../shell/document';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { LanguageSwitch } from '../shell/site-parts';
import { CSRF_FIELD } from './csrf';

/** What every console page needs to render: the reader's language, who is logged in, the form token. */
export interface ConsoleView {
  t: Translator;
  /** `readsReports` false: the agency turned reports off for this coordinator (no nav link then). */
  staff: { name: string; role: StaffRole; readsReports?: boolean } | null;
  csrf: string;
  /** Path and query of the current page, for the language switch. */
  path: string;
}

export type NavKey =
  | 'today'
  | 'requests'
  | 'help-seekers'
  | 'intake'
  | 'volunteers'
  | 'week'
  | 'providers'
  | 'mail'
  | 'settings'
  | 'opportunities'
  | 'placements'
  | 'reports'
  | 'hours'
  | 'import';

/** Coordinators see the settings as the agency profile only (read-only); admins see everything. */
const NAV: {
  key: NavKey;
  href: string;
  label: MessageKey;
  coordinator?: { href: string; label: MessageKey };
  adminOnly?: boolean;
}[] = [
  { key: 'today', href: '/console', label: 'console.nav.today' },
  { key: 'requests', href: '/console/requests', label: 'console.requestList.nav' },
  { key: 'help-seekers', href: '/console/help-seekers', label: 'console.seekerList.nav' },
  { key: 'intake', href: '/console/intake', label: 'console.nav.intake' },
  { key: 'volunteers', href: '/console/volunteers', label: 'console.nav.volunteers' },
  { key: 'opportunities', href: '/console/opportunities', label: 'opportunities.nav' },
  { key: 'placements', href: '/console/placements', label: 'placements.nav' },
  { key: 'week', href: '/console/week', label: 'console.week.nav' },
  { key: 'providers', href: '/console/providers', label: 'console.nav.providers' },
  { key: 'hours', href: '/console/hours', label: 'hours.nav' },
  { key: 'reports', href: '/console/reports', label: 'reports.nav' },
  { key: 'mail', href: '/console/mail', label: 'console.nav.mail' },
  // Admins only: coordinators see no link (the page answers 403 to them).
  { key: 'import', href: '/console/import', label: 'transfer.nav', adminOnly: true },
  {
    key: 'settings',
    href: '/console/settings',
    label: 'console.nav.settings',
    coordinator: { href: '/console/settings/agency', label: 'console.agency.title' },
  },
];

/** A stored code (status, source, role, consent purpose …) in words; never the code itself. */
export function codeLabel(t: Translator, code: string): string {
  return t.dynamic(`console.code.${code}`) ?? t.t('console.code.unknown');
}

/** Texts that the domain gives in German and English (explanations); other locales read German. */
export function localized(t: Translator, text: LocalizedText): string {
  return (text as unknown as Record<string, string>)[t.locale] ?? text.de;
}

export const CONSOLE_CSS = `
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
  dd { margin: 0; overflow-wrap: anywhere; }
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
  .alert, .error-summary { background: #fdecea; border-left: 4px solid #a4161a; padding: .6rem 1rem; margin-bottom: 1rem; }
  .error-summary h2 { font-size: 1rem; margin: 0 0 .25rem; }
  .error, .error-message { color: #a4161a; font-weight: 600; margin: .2rem 0 0; }
  .muted { color: #4a5663; }
  .waited { white-space: nowrap; color: #4a5663; }
  .count { display: inline-block; min-width: 1.6rem; text-align: center; background: #0b3d66; color: #fff; border-radius: 1rem; padding: 0 .4rem; font-size: .9rem; }
  .items { list-style: none; padding: 0; margin: 0; }
  .items li { padding: .4rem 0; border-bottom: 1px solid #e1e6eb; display: flex; flex-wrap: wrap; gap: .25rem 1rem; justify-content: space-between; }
  .items li.flagged { border-left: 4px solid #a4161a; background: #fdecea; padding-left: .5rem; } .flag { color: #a4161a; }
  .lang ul { display: flex; gap: .5rem; list-style: none; margin: 0; padding: 0; }
  form.inline { display: inline; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  @media (max-width: 48rem) { main { padding: .75rem; } h1 { font-size: 1.35rem; } }
`;

export function CsrfField({ view }: { view: ConsoleView }) {
  return <input type="hidden" name={CSRF_FIELD} value={view.csrf} />;
}

/** The console's one shell: skip link, navigation, language switch, logout, then the page. */
export function ConsoleLayout(props: {
  view: ConsoleView;
  title: string;
  active?: NavKey;
  notice?: string | null;
  children?: ComponentChildren;
  /** More CSS for this page (e.g. its print stylesheet). */
  css?: string;
}) {
  const { view } = props;
  const { t, staff } = view;
  return (
    <HtmlDocument
      t={t}
      title={`${props.title} – ${t.t('console.app.name')}`}
      css={CONSOLE_CSS + (props.css ?? '')}
    >
      <a class="skip" href="#main">
        {t.t('console.nav.skip')}
      </a>
      <header>
        <div class="bar">
          <a class="brand" href="/console">
            {t.t('console.app.name')}
          </a>
          {staff ? (
            <nav aria-label={t.t('console.nav.main')}>
              <ul>
                {NAV.filter(
                  (item) =>
                    (!item.adminOnly || staff.role === 'admin') &&
                    (item.key !== 'reports' || staff.readsReports !== false),
                ).map((item) => {
                  const link = staff.role === 'admin' ? item : (item.coordinator ?? item);
                  return (
                    <li key={item.key}>
                      <a href={link.href} aria-current={item.key === props.active ? 'page' : undefined}>
                        {t.t(link.label)}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
          <div class="tools">
            <LanguageSwitch t={t} path={view.path} audience="staff" />
            {staff ? (
              <>
                <span>{staff.name}</span>
                <a href="/console/account">{t.t('console.account.nav')}</a>
                <form method="post" action="/console/logout" class="inline">
                  <CsrfField view={view} />
                  <button type="submit" class="link">
                    {t.t('console.nav.logout')}
                  </button>
                </form>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{props.title}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.children}
      </main>
    </HtmlDocument>
  );
}

export interface FieldProps {
  label: string;
  name: string;
  type?: string;
  value?: string | number | null;
  required?: boolean;
  problems?: FieldError[];
  /** The DTO path the problems name, when it differs from the form name (e.g. "helpSeeker.name"). */
  field?: string;
  /** Further attributes of the input (autocomplete, inputmode, min …). */
  attrs?: Record<string, string | number | boolean>;
}

export function InputField(props: FieldProps) {
  const field = props.field ?? props.name;
  const aria = fieldAria(field, props.problems ?? []);
  return (
    <div>
      <label for={aria.id}>{props.label}</label>
      <input
        {...aria}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        {...props.attrs}
      />
      <FieldMessage problems={props.problems ?? []} field={field} />
    </div>
  );
}

export function TextareaField(props: FieldProps) {
  const field = props.field ?? props.name;
  const aria = fieldAria(field, props.problems ?? []);
  return (
    <div>
      <label for={aria.id}>{props.label}</label>
      <textarea {...aria} name={props.name} rows={3} required={props.required} {...props.attrs}>
        {props.value ?? ''}
      </textarea>
      <FieldMessage problems={props.problems ?? []} field={field} />
    </div>
  );
}

export type Choice = { value: string; label: string };

export function SelectField(props: FieldProps & { choices: Choice[] }) {
  const field = props.field ?? props.name;
  const aria = fieldAria(field, props.problems ?? []);
  const selected = String(props.value ?? '');
  return (
    <div>
      <label for={aria.id}>{props.label}</label>
      <select {...aria} name={props.name} required={props.required} {...props.attrs}>
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value} selected={choice.value === selected}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldMessage problems={props.problems ?? []} field={field} />
    </div>
  );
}

/** Several choices as checkboxes in a fieldset: easier by keyboard and touch than a multi-select. */
export function CheckboxGroup(props: {
  legend: string;
  name: string;
  choices: Choice[];
  selected: string[];
  problems?: FieldError[];
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label class="inline" key={choice.value}>
          <input
            type="checkbox"
            name={props.name}
            value={choice.value}
            checked={props.selected.includes(choice.value)}
          />{' '}
          {choice.label}
        </label>
      ))}
      <FieldMessage problems={props.problems ?? []} field={props.name} />
    </fieldset>
  );
}

/** A one-button POST form (approve, reject, …), with the CSRF token. */
export function ActionButton(props: {
  view: ConsoleView;
  action: string;
  label: string;
  className?: string;
  hidden?: Record<string, string>;
  ariaLabel?: string;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField view={props.view} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.className} aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * The form's problems at the top, each named by its field's label: `labels` maps a form field (or
 * the first part of a DTO path, "availability" for "availability.0.weekday") to its label.
 */
export function FormErrors({
  view,
  problems,
  labels = {},
}: {
  view: ConsoleView;
  problems: FieldError[];
  labels?: Record<string, string>;
}) {
  const named = Object.fromEntries(
    problems
      .map((problem): [string, string | undefined] => [
        problem.field,
        labels[problem.field] ?? labels[problem.field.split('.')[0]],
      ])
      .filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return <ErrorSummary t={view.t} problems={problems} labels={named} />;
}

/** A console page, rendered and sent: never cached, never a referrer. */
export function sendPage<P>(
  response: Response,
  status: number,
  component: FunctionComponent<P>,
  props: P,
): void {
  sendHtml(response, status, renderPage(h(component as FunctionComponent<object>, props as object)));
}
