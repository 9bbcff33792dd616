import { CSRF_FIELD } from '../csrf';
import { consoleLayout, e, inputField, type ConsoleView } from '../view';

export function renderLoginPage(
  view: ConsoleView,
  options: { next: string; email?: string; failed?: boolean; loggedOut?: boolean },
): string {
  const { t } = view;
  return consoleLayout(view, {
    title: t('login.title'),
    notice: options.loggedOut ? t('login.loggedOut') : null,
    body: `${options.failed ? `<p class="alert" role="alert">${e(t('login.failed'))}</p>` : ''}
<div class="card" style="max-width:28rem"><form method="post" action="/console/login">
<input type="hidden" name="${CSRF_FIELD}" value="${e(view.csrf)}">
<input type="hidden" name="next" value="${e(options.next)}">
${inputField(t('login.email'), 'email', { type: 'email', value: options.email ?? '', required: true, attrs: 'autocomplete="username" autofocus' })}
${inputField(t('login.password'), 'password', { type: 'password', required: true, attrs: 'autocomplete="current-password"' })}
<p><button type="submit">${e(t('login.submit'))}</button></p>
</form></div>`,
  });
}
