import type { FieldError } from '../../../common/validation';
import { CSRF_FIELD } from '../csrf';
import { ConsoleLayout, FormErrors, InputField, type ConsoleView } from '../view';

/**
 * Choosing a password through a single-use link (first admin from `npm run setup`, an account or
 * reset from the command line). `state`: the form, the link no longer works, or done.
 */
export function SetPasswordPage({
  view,
  state,
  token,
  problems = [],
}: {
  view: ConsoleView;
  state: 'form' | 'invalid' | 'done';
  token?: string;
  problems?: FieldError[];
}) {
  const { t } = view;
  if (state !== 'form') {
    return (
      <ConsoleLayout view={view} title={t.t('console.setPassword.title')}>
        <p class={state === 'invalid' ? 'alert' : undefined} role={state === 'invalid' ? 'alert' : 'status'}>
          {state === 'invalid' ? t.t('console.setPassword.invalid') : t.t('console.setPassword.done')}
        </p>
        <p>
          <a href="/console/login">{t.t('console.setPassword.toLogin')}</a>
        </p>
      </ConsoleLayout>
    );
  }
  return (
    <ConsoleLayout view={view} title={t.t('console.setPassword.title')}>
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          password: t.t('console.setPassword.password'),
          passwordRepeat: t.t('console.setPassword.repeat'),
        }}
      />
      <p>{t.t('console.setPassword.intro')}</p>
      <div class="card" style={{ maxWidth: '28rem' }}>
        <form method="post" action="/console/set-password">
          <input type="hidden" name={CSRF_FIELD} value={view.csrf} />
          <input type="hidden" name="token" value={token ?? ''} />
          <InputField
            label={t.t('console.setPassword.password')}
            name="password"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password', autofocus: true }}
          />
          <InputField
            label={t.t('console.setPassword.repeat')}
            name="passwordRepeat"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password' }}
          />
          <p>
            <button type="submit">{t.t('console.setPassword.submit')}</button>
          </p>
        </form>
      </div>
    </ConsoleLayout>
  );
}
