import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import {
  isCurrentLinkVersion,
  verifyLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../../shared/signed-links';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { linkTranslator, pagePath } from './link-locale';
import { MessagePage, REVOKED_LINK_STATUS, RevokedLinkPage } from './link-shell';
import { sendMessagePage } from './send-message-page';

/** The person a link was sent to: the language of its pages and the link version it must carry. */
export interface LinkHolder {
  locale: string;
  linkVersion: number;
}

/** What a page found behind a link's subject (its own records) and whose link it is. */
export interface LinkSubject<S> {
  subject: S;
  holder: LinkHolder;
}

/**
 * How a link stands once checked. `invalid` (forged, another purpose or action, unknown subject,
 * erased holder) speaks the browser's language, since nobody is known; the others the holder's.
 * `expired` only comes back to a page that asked to keep expired links (it says so in its words).
 */
export type OpenedLink<S> =
  | { state: 'open'; claims: LinkClaims; subject: S; t: Translator }
  | { state: 'expired'; claims: LinkClaims; subject: S; t: Translator }
  | { state: 'revoked'; t: Translator }
  | { state: 'invalid'; t: Translator };

export interface LinkRequest {
  purpose: LinkPurpose;
  token: string;
  /** The actions this page answers; any other is invalid. Default: any. */
  actions?: readonly string[];
  /**
   * An expired link is `invalid`, unless the page keeps it (to say that it ran out) or shows it
   * the revoked link's page (where a new link comes from).
   */
  expired?: 'keep' | 'as-revoked';
}

/**
 * The one preamble of every page behind a signed link in an email (volunteer and placement
 * links): verify the token, load its subject and holder, pick the holder's language, refuse an
 * old link version; and the refusal pages they share (400 invalid, 410 revoked, 403 scope).
 */
@Injectable()
export class SignedLinkPages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  /** `load` returns null for a subject that leads nowhere (unknown, erased holder, wrong state). */
  open<S>(
    request: Request,
    link: LinkRequest & { expired: 'keep' },
    load: (claims: LinkClaims) => Promise<LinkSubject<S> | null>,
  ): Promise<OpenedLink<S>>;
  open<S>(
    request: Request,
    link: LinkRequest,
    load: (claims: LinkClaims) => Promise<LinkSubject<S> | null>,
  ): Promise<Exclude<OpenedLink<S>, { state: 'expired' }>>;
  async open<S>(
    request: Request,
    link: LinkRequest,
    load: (claims: LinkClaims) => Promise<LinkSubject<S> | null>,
  ): Promise<OpenedLink<S>> {
    const invalid = { state: 'invalid', t: linkTranslator(request) } as const;
    const check = verifyLinkToken(this.config.LINK_SECRET, link.purpose, link.token, new Date());
    if (!check.valid && (check.reason !== 'expired' || link.expired === undefined)) {
      return invalid;
    }
    if (link.actions && !link.actions.includes(check.claims.action)) {
      return invalid;
    }
    const loaded = await load(check.claims);
    if (!loaded) {
      return invalid;
    }
    const t = linkTranslator(request, loaded.holder.locale);
    // Sent before the holder's links were revoked (or run out, where a page shows both alike).
    if (
      !isCurrentLinkVersion(check.claims, loaded.holder.linkVersion) ||
      (!check.valid && link.expired === 'as-revoked')
    ) {
      return { state: 'revoked', t };
    }
    return { state: check.valid ? 'open' : 'expired', claims: check.claims, subject: loaded.subject, t };
  }

  /** The page of a link that leads nowhere (400) or was revoked since (410, where a new one comes from). */
  async refuse(
    request: Request,
    response: Response,
    refusal: Extract<OpenedLink<unknown>, { state: 'invalid' | 'revoked' }>,
  ): Promise<void> {
    const { t } = refusal;
    const agency = await this.agencyProfile.get();
    if (refusal.state === 'revoked') {
      return sendHtml(
        response,
        REVOKED_LINK_STATUS,
        renderPage(<RevokedLinkPage t={t} agency={agency} path={pagePath(request)} />),
      );
    }
    sendMessagePage(request, response, {
      status: 400,
      t,
      agency,
      title: 'links.invalid.title',
      body: 'links.invalid.body',
    });
  }

  /**
   * A settings link (from an email's footer) on an account route: no export, no deletion, no
   * profile; the page offers the short-lived account link by email instead (403).
   */
  async refuseScope(request: Request, response: Response, t: Translator, token: string): Promise<void> {
    sendHtml(
      response,
      403,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.scope.title')}
          body={t.t('links.scope.body')}
        >
          <form method="post" action={`/preferences/${encodeURIComponent(token)}/account-link`}>
            <button type="submit">{t.t('links.account.request')}</button>
          </form>
        </MessagePage>,
      ),
    );
  }
}
