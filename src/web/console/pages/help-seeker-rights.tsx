import { ERASURE_REASONS } from '../../../help-seekers/help-seeker-rights.service';
import { ActionButton, codeLabel, CsrfField, SelectField, type ConsoleView } from '../view';

/**
 * The person's rights, exercised by staff on their behalf (most ask by phone or letter): the
 * export (Art. 15), withdrawal of a consent (Art. 7(3)) and erasure (Art. 17), with confirmation.
 */
export function HelpSeekerRights(props: {
  view: ConsoleView;
  requestId: string;
  helpSeekerId: string;
  purposes: string[];
}) {
  const { view, requestId, helpSeekerId } = props;
  const { t } = view;
  const base = `/console/help-seekers/${helpSeekerId}`;
  return (
    <section class="card" aria-labelledby="h-rights">
      <h2 id="h-rights">{t.t('console.rights.title')}</h2>
      <p>
        <a href={`${base}/export`} download={`help-seeker-${helpSeekerId}.json`}>
          {t.t('console.rights.export')}
        </a>
      </p>
      {props.purposes.includes('health-data') ? (
        <p>
          <ActionButton
            view={view}
            action={`${base}/withdraw`}
            label={t.t('console.rights.withdrawHealth')}
            className="secondary"
            hidden={{ purpose: 'health-data', requestId }}
          />
        </p>
      ) : null}
      <form method="post" action={`${base}/erase`}>
        <CsrfField view={view} />
        <input type="hidden" name="requestId" value={requestId} />
        <p>{t.t('console.rights.eraseHint')}</p>
        <SelectField
          label={t.t('console.rights.reason')}
          name="reason"
          required
          choices={ERASURE_REASONS.filter((reason) => reason !== 'retention').map((reason) => ({
            value: reason,
            label: codeLabel(t, reason),
          }))}
        />
        <div>
          <label class="inline">
            <input type="checkbox" name="confirm" value="yes" required /> {t.t('console.rights.confirm')}
          </label>
        </div>
        <p>
          <button type="submit" class="danger">
            {t.t('console.rights.erase')}
          </button>
        </p>
      </form>
    </section>
  );
}
