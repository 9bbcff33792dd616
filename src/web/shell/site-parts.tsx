import { localesFor, type Audience, type Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { AgencyContact } from './agency-contact';
import { safeUrl } from './safe-url';

/** First thing on every page, for keyboard and screen-reader users: jump past the header. */
export function SkipLink({ t }: { t: Translator }) {
  return (
    <a class="skip" href="#main">
      {t.t('common.skipToContent')}
    </a>
  );
}

/** Links to the same page in each language of the audience, each named in its own language. */
export function LanguageSwitch({ t, path, audience }: { t: Translator; path: string; audience: Audience }) {
  const [pathname, search = ''] = path.split('?');
  return (
    <nav class="lang" aria-label={t.t('common.language')}>
      <ul>
        {localesFor(audience)
          .filter((info) => info.locale !== t.locale)
          .map((info) => {
            const params = new URLSearchParams(search);
            params.set('lang', info.locale);
            return (
              <li key={info.locale}>
                <a
                  href={`${pathname}?${params.toString()}`}
                  lang={info.locale}
                  hrefLang={info.locale}
                  dir={info.dir}
                >
                  {info.name}
                </a>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

/** The agency's contact block and its legal pages, under every public page, link page and letter. */
export function AgencyFooter({ t, agency }: { t: Translator; agency: AgencyProfile }) {
  const lang = t.locale === 'de' ? '' : `?lang=${t.locale}`;
  return (
    <footer>
      <h2 class="footer-heading">{t.t('common.contact.heading')}</h2>
      <AgencyContact t={t} agency={agency} />
      <ul class="legal">
        <li>
          <a href={`/impressum${lang}`}>{t.t('common.footer.imprint')}</a>
        </li>
        <li>
          <a href={safeUrl(agency.privacyPolicyUrl) ?? `/datenschutz${lang}`}>
            {t.t('common.footer.privacy')}
          </a>
        </li>
        <li>
          <a href={`/barrierefreiheit${lang}`}>{t.t('common.footer.accessibility')}</a>
        </li>
      </ul>
    </footer>
  );
}

/** "(required)" / "(optional)" after a label. */
export function FieldNeed({ t, required }: { t: Translator; required: boolean }) {
  return <span class="need"> ({t.t(required ? 'common.form.required' : 'common.form.optional')})</span>;
}
