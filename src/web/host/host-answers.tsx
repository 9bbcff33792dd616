import type { Request, Response } from 'express';
import type { MessageKey, Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { linkTranslator, pagePath } from '../links/link-locale';
import { sendMessagePage } from '../links/send-message-page';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import type { HostAccess } from './host-page.service';
import { HostLinkRequestPage, withLang } from './host-pages';

interface HostAnswer {
  status: number;
  t: Translator;
  agency: AgencyProfile;
  title: MessageKey;
  body: MessageKey;
}

/** A page that says what happened, with the way to a new host link below. */
export function sendHostMessage(request: Request, response: Response, page: HostAnswer): void {
  const { t } = page;
  sendMessagePage(
    request,
    response,
    page,
    <p>
      <a href={withLang('/host/link', t)}>{t.t('host.link.title')}</a>
    </p>,
  );
}

/** The form that sends a new host link (/host/link, and an expired or revoked link). */
export function sendHostLinkRequestPage(
  request: Request,
  response: Response,
  page: HostAnswer & { error?: string },
): void {
  const { t } = page;
  sendHtml(
    response,
    page.status,
    renderPage(
      <HostLinkRequestPage
        t={t}
        agency={page.agency}
        path={pagePath(request)}
        title={t.t(page.title)}
        body={t.t(page.body)}
        error={page.error ?? null}
      />,
    ),
  );
}

/**
 * Why a host link leads nowhere: an unknown one is "not found" (404, the browser's language), an
 * expired or revoked one offers a new link (410, the provider's language where it is known).
 */
export function sendHostRefusal(
  request: Request,
  response: Response,
  access: Exclude<HostAccess, { kind: 'ok' }>,
  agency: AgencyProfile,
): void {
  if (access.kind === 'not-found') {
    return sendHostMessage(request, response, {
      status: 404,
      t: linkTranslator(request),
      agency,
      title: 'host.notFound.title',
      body: 'host.notFound.body',
    });
  }
  sendHostLinkRequestPage(request, response, {
    status: 410,
    t: linkTranslator(request, access.locale),
    agency,
    title: access.kind === 'expired' ? 'host.expired.title' : 'host.revoked.title',
    body: access.kind === 'expired' ? 'host.expired.body' : 'host.revoked.body',
  });
}
