import type { Provider } from '../../../providers/provider.entity';
import { ActionButton, ConsoleLayout, CsrfField, type ConsoleView } from '../view';

/** The host-link notices (`?done=` after the buttons below). */
export const HOST_LINK_NOTICES = {
  'host-link-sent': 'console.hostLinks.sent',
  'host-links-revoked': 'console.hostLinks.revoked',
} as const;

/** On the provider's page: send the contact a link to its host page, or revoke all links sent. */
export function ProviderHostLinks(props: { view: ConsoleView; providerId: string; done?: string }) {
  const { view, providerId } = props;
  const { t } = view;
  const notice =
    props.done && props.done in HOST_LINK_NOTICES
      ? t.t(HOST_LINK_NOTICES[props.done as keyof typeof HOST_LINK_NOTICES])
      : null;
  return (
    <section class="card" aria-labelledby="host-links-heading">
      <h2 id="host-links-heading">{t.t('console.hostLinks.heading')}</h2>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t.t('console.hostLinks.intro')}</p>
      <p>
        <ActionButton
          view={view}
          action={`/console/providers/${providerId}/host-link`}
          label={t.t('console.hostLinks.send')}
        />{' '}
        <a href={`/console/providers/${providerId}/host-link/revoke`}>{t.t('console.hostLinks.revoke')}</a>
      </p>
    </section>
  );
}

/** The confirm step before every host link of a provider stops working. */
export function RevokeHostLinksPage(props: { view: ConsoleView; provider: Pick<Provider, 'id' | 'name'> }) {
  const { view, provider } = props;
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('console.hostLinks.revokeTitle', { name: provider.name })}
      active="providers"
    >
      <p class="warning" role="note">
        {t.t('console.hostLinks.revokeWarning')}
      </p>
      <form method="post" action={`/console/providers/${provider.id}/host-link/revoke`} class="card">
        <CsrfField view={view} />
        <input type="hidden" name="confirm" value="yes" />
        <p class="actions">
          <button type="submit" class="danger">
            {t.t('console.hostLinks.revokeConfirm')}
          </button>{' '}
          <a href={`/console/providers/${provider.id}`}>{t.t('console.hostLinks.cancel')}</a>
        </p>
      </form>
    </ConsoleLayout>
  );
}
