import type { Request, Response } from 'express';
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { pagePath } from './link-locale';
import { MessagePage } from './link-shell';

/** Answers with a page that only says what happened (volunteer, hours and host links alike). */
export function sendMessagePage(
  request: Request,
  response: Response,
  page: { status: number; t: Translator; agency: AgencyProfile; title: MessageKey; body: MessageKey },
  children?: ComponentChildren,
): void {
  const { t } = page;
  sendHtml(
    response,
    page.status,
    renderPage(
      <MessagePage
        t={t}
        agency={page.agency}
        path={pagePath(request)}
        title={t.t(page.title)}
        body={t.t(page.body)}
      >
        {children}
      </MessagePage>,
    ),
  );
}
