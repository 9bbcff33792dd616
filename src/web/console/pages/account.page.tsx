import type { FieldError } from '../../../common/validation';
import type { SessionRestriction } from '../../../staff/staff-auth.service';
import { CSRF_FIELD } from '../csrf';
import { ConsoleLayout, CsrfField, FormErrors, InputField, type ConsoleView } from '../view';

export interface TwoFactorState {
  enabled: boolean;
  recoveryCodesLeft: number;
  /** The agency requires two-factor: it cannot be switched off. */
  required: boolean;
}

/** The password fields of the change form, labelled once for the fields and the error summary. */
const passwordLabels = (view: ConsoleView) => ({
  currentPassword: view.t.t('console.account.currentPassword'),
  newPassword: view.t.t('console.account.newPassword'),
  newPasswordRepeat: view.t.t('console.account.newPasswordRepeat'),
  code: view.t.t('console.account.code'),
});

/** One's own account: change the password, switch two-factor on or off. */
export function AccountPage(props: {
  view: ConsoleView;
  twoFactor: TwoFactorState;
  /** Why the console sent the person here first (a required change or enrolment). */
  restriction?: SessionRestriction | null;
  problems?: FieldError[];
  notice?: string | null;
}) {
  const { view, twoFactor } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={t.t('console.account.title')} notice={props.notice}>
      {props.restriction === 'password-change' ? (
        <p class="alert" role="alert">
          {t.t('console.account.mustChange')}
        </p>
      ) : null}
      {props.restriction === 'two-factor-enrolment' ? (
        <p class="alert" role="alert">
          {t.t('console.account.mustEnrol')}
        </p>
      ) : null}
      <FormErrors view={view} problems={problems} labels={passwordLabels(view)} />
      <section class="card" aria-labelledby="h-password">
        <h2 id="h-password">{t.t('console.account.changePassword')}</h2>
        <form method="post" action="/console/account/password" noValidate>
          <CsrfField view={view} />
          <InputField
            label={t.t('console.account.currentPassword')}
            name="currentPassword"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'current-password' }}
          />
          <InputField
            label={t.t('console.account.newPassword')}
            name="newPassword"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password', minlength: 12 }}
          />
          <InputField
            label={t.t('console.account.newPasswordRepeat')}
            name="newPasswordRepeat"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password', minlength: 12 }}
          />
          <p class="muted">{t.t('console.account.policy')}</p>
          <p>
            <button type="submit">{t.t('console.account.changePassword')}</button>
          </p>
        </form>
      </section>
      <section class="card" aria-labelledby="h-two-factor">
        <h2 id="h-two-factor">{t.t('console.account.twoFactor')}</h2>
        {twoFactor.enabled ? (
          <>
            <p>{t.t('console.account.twoFactorOn', { count: twoFactor.recoveryCodesLeft })}</p>
            {twoFactor.required ? (
              <p class="muted">{t.t('console.account.twoFactorRequired')}</p>
            ) : (
              <form method="post" action="/console/account/two-factor/disable" noValidate>
                <CsrfField view={view} />
                <InputField
                  label={t.t('console.account.code')}
                  name="code"
                  required
                  problems={problems}
                  attrs={{ autocomplete: 'one-time-code', inputmode: 'numeric' }}
                />
                <p>
                  <button type="submit" class="danger">
                    {t.t('console.account.disableTwoFactor')}
                  </button>
                </p>
              </form>
            )}
          </>
        ) : (
          <>
            <p>{t.t('console.account.twoFactorOff')}</p>
            <form method="post" action="/console/account/two-factor">
              <CsrfField view={view} />
              <button type="submit" class="secondary">
                {t.t('console.account.enableTwoFactor')}
              </button>
            </form>
          </>
        )}
      </section>
    </ConsoleLayout>
  );
}

/** Enrolment: the secret as text and as otpauth URI, then the first code confirms it. */
export function TwoFactorEnrolPage(props: {
  view: ConsoleView;
  secret: string;
  otpauthUri: string;
  problems?: FieldError[];
}) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  // Groups of four, as authenticator apps show them; spaces are ignored when typed.
  const grouped = props.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <ConsoleLayout view={view} title={t.t('console.account.enrolTitle')}>
      <FormErrors view={view} problems={problems} labels={passwordLabels(view)} />
      <ol>
        <li>{t.t('console.account.enrolStep1')}</li>
        <li>
          {t.t('console.account.enrolStep2')}
          <dl class="card">
            <dt>{t.t('console.account.secret')}</dt>
            <dd>
              <code id="totp-secret">{grouped}</code>
            </dd>
            <dt>{t.t('console.account.uri')}</dt>
            <dd>
              <code id="totp-uri">{props.otpauthUri}</code>
            </dd>
          </dl>
        </li>
        <li>{t.t('console.account.enrolStep3')}</li>
      </ol>
      <form method="post" action="/console/account/two-factor/confirm" class="card" noValidate>
        <CsrfField view={view} />
        <InputField
          label={t.t('console.account.code')}
          name="code"
          required
          problems={problems}
          attrs={{ autocomplete: 'one-time-code', inputmode: 'numeric', autofocus: true }}
        />
        <p>
          <button type="submit">{t.t('console.account.confirmTwoFactor')}</button>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** The recovery codes, shown this once. */
export function RecoveryCodesPage({ view, codes }: { view: ConsoleView; codes: string[] }) {
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('console.account.recoveryTitle')}
      notice={t.t('console.account.enabled')}
    >
      <p>{t.t('console.account.recoveryIntro')}</p>
      <ul id="recovery-codes" class="card">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/console">{t.t('console.account.continue')}</a>
      </p>
    </ConsoleLayout>
  );
}

/** The second login step: the app's code, or a recovery code. */
export function SecondFactorPage(props: { view: ConsoleView; next: string; problems?: FieldError[] }) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={t.t('console.login.codeTitle')}>
      <FormErrors view={view} problems={problems} labels={passwordLabels(view)} />
      <div class="card" style={{ maxWidth: '28rem' }}>
        <form method="post" action="/console/login/code" noValidate>
          <CsrfField view={view} />
          <input type="hidden" name="next" value={props.next} />
          <p>{t.t('console.login.codeIntro')}</p>
          <InputField
            label={t.t('console.account.code')}
            name="code"
            required
            problems={problems}
            attrs={{ autocomplete: 'one-time-code', autofocus: true }}
          />
          <p>
            <button type="submit">{t.t('console.login.submit')}</button>
          </p>
        </form>
      </div>
    </ConsoleLayout>
  );
}

/** "Passwort vergessen?": the same answer whatever address was typed. */
export function ForgotPasswordPage(props: {
  view: ConsoleView;
  sent?: boolean;
  refused?: boolean;
  problems?: FieldError[];
}) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={t.t('console.reset.title')}>
      {props.sent ? (
        <p class="notice" role="status">
          {t.t('console.reset.sent')}
        </p>
      ) : null}
      {props.refused ? (
        <p class="alert" role="alert">
          {t.t('console.login.tooMany')}
        </p>
      ) : null}
      <FormErrors view={view} problems={problems} labels={{ email: t.t('console.login.email') }} />
      <div class="card" style={{ maxWidth: '28rem' }}>
        <form method="post" action="/console/password-reset" noValidate>
          <input type="hidden" name={CSRF_FIELD} value={view.csrf} />
          <p>{t.t('console.reset.intro')}</p>
          <InputField
            label={t.t('console.login.email')}
            name="email"
            type="email"
            required
            problems={problems}
            attrs={{ autocomplete: 'username', autofocus: true }}
          />
          <p>
            <button type="submit">{t.t('console.reset.send')}</button>
          </p>
        </form>
        <p>
          <a href="/console/login">{t.t('console.reset.backToLogin')}</a>
        </p>
      </div>
    </ConsoleLayout>
  );
}

/** The emailed link's page: the new password twice; or why the link no longer works. */
export function ResetPasswordPage(props: {
  view: ConsoleView;
  token: string;
  invalid?: boolean;
  problems?: FieldError[];
}) {
  const { view } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  if (props.invalid) {
    return (
      <ConsoleLayout view={view} title={t.t('console.reset.newTitle')}>
        <p class="alert" role="alert">
          {t.t('console.reset.invalid')}
        </p>
        <p>
          <a href="/console/password-reset">{t.t('console.reset.askAgain')}</a>
        </p>
      </ConsoleLayout>
    );
  }
  return (
    <ConsoleLayout view={view} title={t.t('console.reset.newTitle')}>
      <FormErrors view={view} problems={problems} labels={passwordLabels(view)} />
      <div class="card" style={{ maxWidth: '28rem' }}>
        <form method="post" action={`/console/password-reset/${props.token}`} noValidate>
          <input type="hidden" name={CSRF_FIELD} value={view.csrf} />
          <InputField
            label={t.t('console.account.newPassword')}
            name="newPassword"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password', minlength: 12, autofocus: true }}
          />
          <InputField
            label={t.t('console.account.newPasswordRepeat')}
            name="newPasswordRepeat"
            type="password"
            required
            problems={problems}
            attrs={{ autocomplete: 'new-password', minlength: 12 }}
          />
          <p class="muted">{t.t('console.account.policy')}</p>
          <p>
            <button type="submit">{t.t('console.reset.save')}</button>
          </p>
        </form>
      </div>
    </ConsoleLayout>
  );
}
