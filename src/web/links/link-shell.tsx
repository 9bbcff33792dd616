import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { HtmlDocument } from '../shell/document';
import { AgencyFooter, LanguageSwitch, SkipLink } from '../shell/site-parts';

/** Plain, large and high-contrast, usable on a phone; focus always visible. */
const LINK_CSS = `
  body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
  header, main, footer { max-width: 38rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #d0d7de; }
  .agency { font-weight: 700; font-size: 1.25rem; }
  .lang ul, .legal { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
  main { padding-bottom: 2rem; }
  footer { border-top: 1px solid #d0d7de; font-size: 1rem; }
  .footer-heading { font-size: 1.1rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  fieldset { border: 1px solid #6b7280; border-radius: .25rem; margin: 0 0 1rem; }
  button { font: inherit; font-weight: 600; padding: .75rem 1.5rem; border-radius: .5rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0b4f8a; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
  input, select { font: inherit; }
  a { color: #0b4f8a; }
  /* Hidden by clipping, not by moving it off-screen: an offset would widen right-to-left pages. */
  .skip:not(:focus) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .skip:focus { display: inline-block; padding: .5rem; }
  .note { background: #f3f6f9; border-inline-start: 4px solid #0b4f8a; padding: .75rem 1rem; }
  .error-message, .error-summary { color: #b00020; font-weight: 600; }
  .error-summary { border: 3px solid #b00020; padding: .5rem 1rem; }
  .error-summary a { color: #b00020; }
  .need { font-weight: 400; }
`;

/** The page behind a link in an email: the agency's name, all public languages, its contact below. */
export function LinkShell(props: {
  t: Translator;
  agency: AgencyProfile;
  /** The page's own path (with the token), for the language switch. */
  path: string;
  title: string;
  children: ComponentChildren;
}) {
  const { t, agency } = props;
  return (
    <HtmlDocument t={t} title={`${props.title} – ${agency.name}`} css={LINK_CSS}>
      <SkipLink t={t} />
      <header>
        <span class="agency">{agency.name}</span>
        <LanguageSwitch t={t} path={props.path} audience="public" />
      </header>
      <main id="main">{props.children}</main>
      <AgencyFooter t={t} agency={agency} />
    </HtmlDocument>
  );
}

/** A page that only says what happened (and, at most, where to go next). */
export function MessagePage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  title: string;
  body: string;
  children?: ComponentChildren;
}) {
  return (
    <LinkShell t={props.t} agency={props.agency} path={props.path} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.children}
    </LinkShell>
  );
}

/** HTTP status of a link whose holder raised their link version since it was sent. */
export const REVOKED_LINK_STATUS = 410;

/**
 * A link made before its holder's link version was raised (by themselves, by staff): it says so
 * and where a new one comes from, the same page for every kind of link.
 */
export function RevokedLinkPage(props: { t: Translator; agency: AgencyProfile; path: string }) {
  const { t } = props;
  return (
    <MessagePage
      t={t}
      agency={props.agency}
      path={props.path}
      title={t.t('links.revoked.title')}
      body={t.t('links.revoked.body')}
    >
      <p>
        <a href={`/my-account?lang=${t.locale}`}>{t.t('links.revoked.newLink')}</a>
      </p>
    </MessagePage>
  );
}

/** What a GET shows: the question and one button; only the button's POST changes anything. */
export function ConfirmFormPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  title: string;
  paragraphs: string[];
  button: string;
  secondary?: boolean;
  note?: string;
  children?: ComponentChildren;
  /** Optional inputs that go with the answer (e.g. a reason); posted with the button. */
  fields?: ComponentChildren;
}) {
  const { t } = props;
  return (
    <LinkShell t={t} agency={props.agency} path={props.path} title={props.title}>
      <h1>{props.title}</h1>
      {props.paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {props.children}
      <form method="post" action={props.path}>
        {props.fields}
        <button type="submit" class={props.secondary ? 'secondary' : undefined}>
          {props.button}
        </button>
      </form>
      <p class="note">{props.note ?? t.t('links.savedOnlyOnPress')}</p>
    </LinkShell>
  );
}
