import type { CallBackDto } from '../../../help-seekers/dto/call-back.dto';
import { formatDateTime } from '../format';
import { ConsoleLayout, CsrfField, type ConsoleView } from '../view';

/**
 * "Rückrufwünsche aus dem Internet": people who asked on the public pages to be called back, oldest
 * first. "Anrufen" opens the intake form prefilled (the call completes it into a request);
 * "Nicht erreicht" records the attempt (who, when) and it keeps waiting.
 */
export function CallBacksPage(props: {
  view: ConsoleView;
  callBacks: CallBackDto[];
  notice?: string | null;
}) {
  const { view, callBacks } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('console.callBack.title')} active="today" notice={props.notice}>
      <p>{t.t('console.callBack.intro')}</p>
      {callBacks.length === 0 ? (
        <p>{t.t('console.callBack.none')}</p>
      ) : (
        <table>
          <caption>{t.t('console.callBack.caption', { count: callBacks.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('console.callBack.since')}</th>
              <th scope="col">{t.t('console.callBack.name')}</th>
              <th scope="col">{t.t('console.callBack.phone')}</th>
              <th scope="col">{t.t('console.callBack.postalCode')}</th>
              <th scope="col">{t.t('console.callBack.note')}</th>
              <th scope="col">{t.t('console.callBack.attempts')}</th>
              <th scope="col">{t.t('console.callBack.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {callBacks.map((callBack) => (
              <tr key={callBack.id}>
                <td>{formatDateTime(callBack.createdAt, t)}</td>
                <th scope="row">{callBack.name}</th>
                <td>
                  {callBack.phone ? (
                    <a href={`tel:${callBack.phone.replace(/[^+\d]/g, '')}`}>{callBack.phone}</a>
                  ) : (
                    '–'
                  )}
                </td>
                <td>{callBack.postalCode}</td>
                <td>{callBack.note ?? '–'}</td>
                <td>
                  {callBack.attempts > 0
                    ? t.t('console.callBack.attemptLine', {
                        count: callBack.attempts,
                        at: formatDateTime(callBack.lastCalledAt, t),
                        by: callBack.lastCalledBy ?? '–',
                      })
                    : '–'}
                </td>
                <td>
                  <a href={`/console/call-backs/${callBack.id}`} class="button">
                    {t.t('console.callBack.call', { name: callBack.name })}
                  </a>
                  <form method="post" action={`/console/call-backs/${callBack.id}/attempt`} class="inline">
                    <CsrfField view={view} />
                    <label for={`note-${callBack.id}`} class="visually-hidden">
                      {t.t('console.callBack.attemptNote', { name: callBack.name })}
                    </label>
                    <input
                      id={`note-${callBack.id}`}
                      name="note"
                      maxLength={500}
                      placeholder={t.t('console.callBack.attemptPlaceholder')}
                    />{' '}
                    <button type="submit">{t.t('console.callBack.notReached')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

/** One line on Heute that leads to the call-back list. */
export function CallBacksLink({ view }: { view: ConsoleView }) {
  return (
    <p>
      <a href="/console/call-backs">{view.t.t('console.callBack.link')}</a>
    </p>
  );
}
