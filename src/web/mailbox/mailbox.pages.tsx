import type { ComponentChildren } from 'preact';
import type { Translator } from '../../i18n';
import type { SinkMessage, SinkMessageSummary } from '../../notifications/mail-sink';
import { HtmlDocument } from '../shell/document';
import { LanguageSwitch } from '../shell/site-parts';
import { renderPage } from '../shell/render';

/* The demo mailbox's pages: what the mail sink captured, for staff trying nahbar without a mail server. */

const BASE_PATH = '/demo/mail';

const MAILBOX_CSS = `
body { margin: 0; background: #ffffff; color: #1a1a1a; font-family: Arial, Helvetica, sans-serif; font-size: 18px; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.3; }
h2 { font-size: 1.3rem; margin-top: 2rem; }
a { color: #0b4f8a; }
a:focus, :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; z-index: 10; }
.lang ul { display: flex; gap: .75rem; list-style: none; margin: 0; padding: 0; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #b0b0b0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
iframe { width: 100%; height: 75vh; border: 2px solid #767676; background: #ffffff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f2f2; padding: 1rem; font-size: 16px; }
`;

function MailboxShell(props: { t: Translator; path: string; title: string; children: ComponentChildren }) {
  const { t } = props;
  return (
    <HtmlDocument t={t} title={`${props.title} – ${t.t('mailbox.suffix')}`} css={MAILBOX_CSS}>
      <a class="skip" href="#main">
        {t.t('common.skipToContent')}
      </a>
      <header>
        <LanguageSwitch t={t} path={props.path} audience="staff" />
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </HtmlDocument>
  );
}

function When({ t, date }: { t: Translator; date: Date }) {
  return (
    <time dateTime={date.toISOString()}>{t.date(date, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
  );
}

const subjectOf = (t: Translator, subject: string): string =>
  subject.trim() === '' ? t.t('mailbox.noSubject') : subject;

const messageHref = (id: string): string => `${BASE_PATH}/${encodeURIComponent(id)}`;

function MailboxPage({
  t,
  path,
  messages,
}: {
  t: Translator;
  path: string;
  messages: readonly SinkMessageSummary[];
}) {
  return (
    <MailboxShell t={t} path={path} title={t.t('mailbox.title')}>
      <h1>{t.t('mailbox.title')}</h1>
      <p>{t.t('mailbox.intro')}</p>
      {messages.length === 0 ? (
        <p>{t.t('mailbox.empty')}</p>
      ) : (
        <table>
          <caption>{t.t('mailbox.caption', { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.t('mailbox.received')}</th>
              <th scope="col">{t.t('mailbox.to')}</th>
              <th scope="col">{t.t('mailbox.subject')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <When t={t} date={message.date} />
                </td>
                <td>{message.to}</td>
                <td>
                  <a href={messageHref(message.id)}>{subjectOf(t, message.subject)}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </MailboxShell>
  );
}

/** Links in the mail open in a new tab so the mailbox stays where it is. */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`)
    : `${base}${html}`;
}

function MessagePage({ t, path, message }: { t: Translator; path: string; message: SinkMessage }) {
  const { summary } = message;
  const subject = subjectOf(t, summary.subject);
  return (
    <MailboxShell t={t} path={path} title={subject}>
      <p>
        <a href={BASE_PATH}>{t.t('mailbox.back')}</a>
      </p>
      <h1>{subject}</h1>
      <dl>
        <dt>{t.t('mailbox.date')}</dt>
        <dd>
          <When t={t} date={summary.date} />
        </dd>
        <dt>{t.t('mailbox.from')}</dt>
        <dd>{summary.from}</dd>
        <dt>{t.t('mailbox.to')}</dt>
        <dd>{summary.to}</dd>
        <dt>{t.t('mailbox.subject')}</dt>
        <dd>{subject}</dd>
        {summary.messageId ? (
          <>
            <dt>{t.t('mailbox.messageId')}</dt>
            <dd>{summary.messageId}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t.t('mailbox.htmlPart')}</h2>
      {message.html === null ? (
        <p>{t.t('mailbox.noHtml')}</p>
      ) : (
        // No allow-scripts and no allow-same-origin: the mail's HTML can show links but run nothing.
        // srcdoc is an attribute, so the renderer escapes the whole mail; no raw-HTML helper is needed.
        <iframe
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          title={t.t('mailbox.htmlFrameTitle')}
          srcdoc={withLinksInNewTab(message.html)}
        />
      )}
      <h2>{t.t('mailbox.textPart')}</h2>
      {message.text === null ? <p>{t.t('mailbox.noText')}</p> : <pre>{message.text}</pre>}
    </MailboxShell>
  );
}

function MessageNotFoundPage({ t, path }: { t: Translator; path: string }) {
  return (
    <MailboxShell t={t} path={path} title={t.t('mailbox.notFoundTitle')}>
      <h1>{t.t('mailbox.notFoundTitle')}</h1>
      <p>{t.t('mailbox.notFound')}</p>
      <p>
        <a href={BASE_PATH}>{t.t('mailbox.back')}</a>
      </p>
    </MailboxShell>
  );
}

export const renderMailboxPage = (
  t: Translator,
  path: string,
  messages: readonly SinkMessageSummary[],
): string => renderPage(<MailboxPage t={t} path={path} messages={messages} />);

export const renderMessagePage = (t: Translator, path: string, message: SinkMessage): string =>
  renderPage(<MessagePage t={t} path={path} message={message} />);

export const renderMessageNotFoundPage = (t: Translator, path: string): string =>
  renderPage(<MessageNotFoundPage t={t} path={path} />);
