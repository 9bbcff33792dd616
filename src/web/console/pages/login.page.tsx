import { CSRF_FIELD } from '../csrf';
import { ConsoleLayout, InputField, type ConsoleView } from '../view';

export function LoginPage({
  view,
  next,
  email,
  failed,
  refused,
  loggedOut,
  passwordReset,
}: {
  view: ConsoleView;
  next: string;
  email?: string;
  failed?: boolean;
  /** Not checked at all: too many attempts (429) or too many logins at once (503). */
  refused?: 'tooMany' | 'busy';
  loggedOut?: boolean;
  /** Just set a new password through the emailed link. */
  passwordReset?: boolean;
}) {
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('console.login.title')}
      notice={
        loggedOut ? t.t('console.login.loggedOut') : passwordReset ? t.t('console.login.passwordReset') : null
      }
    >
      {failed ? (
        <p class="alert" role="alert">
          {t.t('console.login.failed')}
        </p>
      ) : null}
      {refused ? (
        <p class="alert" role="alert">
          {refused === 'tooMany' ? t.t('console.login.tooMany') : t.t('console.login.busy')}
        </p>
      ) : null}
      <div class="card" style={{ maxWidth: '28rem' }}>
        <form method="post" action="/console/login">
          <input type="hidden" name={CSRF_FIELD} value={view.csrf} />
          <input type="hidden" name="next" value={next} />
          <InputField
            label={t.t('console.login.email')}
            name="email"
            type="email"
            value={email ?? ''}
            required
            attrs={{ autocomplete: 'username', autofocus: true }}
          />
          <InputField
            label={t.t('console.login.password')}
            name="password"
            type="password"
            required
            attrs={{ autocomplete: 'current-password' }}
          />
          <p>
            <button type="submit">{t.t('console.login.submit')}</button>
          </p>
        </form>
        <p>
          <a href="/console/password-reset">{t.t('console.login.forgot')}</a>
        </p>
      </div>
    </ConsoleLayout>
  );
}
