import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { HtmlDocument } from '../shell/document';
import { safeUrl } from '../shell/safe-url';
import { AgencyFooter, LanguageSwitch, SkipLink } from '../shell/site-parts';

/*
 * Large type, high contrast, visible focus; logical properties (inline-start) so Arabic and Farsi
 * mirror by themselves.
 */
export const PUBLIC_CSS = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.55; color: #111; background: #fff; margin: 0; }
  header, main, footer { max-width: 42rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem 1rem; border-bottom: 2px solid #0b4f8a; }
  header .site { display: inline-flex; align-items: center; gap: .6rem; font-weight: 700; font-size: 1.35rem; color: #0b4f8a; text-decoration: none; }
  header .site img { max-height: 3rem; width: auto; }
  nav.lang ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
  footer { border-top: 2px solid #0b4f8a; margin-top: 2rem; }
  footer .footer-heading { font-size: 1.2rem; }
  footer address { font-style: normal; }
  ul.legal { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; padding: 0; }
  h1 { font-size: 1.9rem; line-height: 1.25; }
  h2 { font-size: 1.4rem; }
  a { color: #0b4f8a; text-underline-offset: .15em; }
  .skip, .trap { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  .skip:focus { position: static; width: auto; height: auto; clip: auto; clip-path: none; display: block; padding: .5rem 1rem; background: #ffdd00; color: #111; }
  label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
  .need { font-weight: 400; color: #333; }
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
  .has-error input[type=text], .has-error input[type=email], .has-error input[type=tel], .has-error select, .has-error textarea { border-color: #b00020; border-width: 3px; }
  .has-error { border-inline-start: 5px solid #b00020; padding-inline-start: .75rem; }
  .error-summary { border: 4px solid #b00020; padding: .75rem 1rem; margin-bottom: 1.5rem; }
  .error-summary a { color: #b00020; font-weight: 700; }
  button, .button { font: inherit; font-weight: 700; padding: .8rem 1.6rem; border-radius: .4rem; border: 3px solid #0b4f8a; background: #0b4f8a; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: #0b4f8a; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, main:focus-visible, .error-summary:focus-visible {
    outline: 4px solid #f2a900; outline-offset: 3px; box-shadow: 0 0 0 7px #111; }
  .note { background: #eef3f8; border-inline-start: 5px solid #0b4f8a; padding: .75rem 1rem; }
  .prose { white-space: pre-line; }
  ul.choices { list-style: none; padding: 0; }
  ul.choices li { margin: .75rem 0; }
`;

/** `?lang=xx` for links that stay in the reader's language (German needs none). */
export const langQuery = (t: Translator): string => (t.locale === 'de' ? '' : `?lang=${t.locale}`);

/** Every public page: the agency's name (and logo), the seven languages, the content, the contact. */
export function PublicShell(props: {
  t: Translator;
  agency: AgencyProfile;
  title: string;
  /** The page's own path, for the language switch. */
  path: string;
  children: ComponentChildren;
  /** A page's own rules, after the shared ones. */
  css?: string;
}) {
  const { t, agency } = props;
  const logo = safeUrl(agency.logoUrl);
  return (
    <HtmlDocument
      t={t}
      title={`${props.title} – ${agency.name}`}
      css={PUBLIC_CSS + (props.css ?? '')}
      indexable
    >
      <SkipLink t={t} />
      <header>
        <a class="site" href={`/${langQuery(t)}`}>
          {logo ? <img src={logo} alt={t.t('public.site.logo', { name: agency.name })} /> : null}
          <span>{agency.name}</span>
        </a>
        <LanguageSwitch t={t} path={props.path} audience="public" />
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <AgencyFooter t={t} agency={agency} />
    </HtmlDocument>
  );
}
