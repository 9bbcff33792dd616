import { sendMessagePage } from './send-message-page';
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import {
  SELF_SERVICE_SCOPES,
  selfServiceScopeOf,
  type LinkClaims,
  type LinkPurpose,
  type SelfServiceScope,
} from '../../shared/signed-links';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { SelfServiceService } from '../../volunteers/self-service.service';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { domainErrorAsProblem } from '../forms/form-path';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { linkTranslator, pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage } from './link-shell';
import { readPreferencesForm, readProfileForm } from './self-service-forms';
import { SelfServicePage, type SelfServiceView } from './self-service-page';
import { SignedLinkPages, type OpenedLink } from './signed-link-pages';

interface Checked {
  claims: LinkClaims;
  volunteer: Volunteer;
  t: Translator;
  /** What a self-service link may do; null for the other purposes. */
  scope: SelfServiceScope | null;
}

/**
 * Why a link does not lead on: unusable (forged, expired, erased holder), revoked (an older link
 * version), or a settings link used where the account scope is needed.
 */
type Refusal =
  | Extract<OpenedLink<unknown>, { state: 'invalid' | 'revoked' }>
  | { state: 'scope'; t: Translator; token: string };

const SAVED = {
  settings: ['links.preferences.saved', 'links.preferences.savedBody'],
  profile: ['links.profile.saved', 'links.profile.savedBody'],
} as const;

/**
 * The volunteer's own links: settings, one-click unsubscribe (RFC 8058) and the double opt-in. GET and HEAD
 * show a page and change nothing; POST acts. A mail client's one-click POST needs no page, but gets one.
 */
@ApiExcludeController()
@Controller()
export class VolunteerLinksController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkPages,
    private readonly volunteers: VolunteersService,
    private readonly selfService: SelfServiceService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get('unsubscribe/:token')
  async showUnsubscribe(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('unsubscribe', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const { t } = checked;
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.unsubscribe.title')}
          paragraphs={[t.t('links.unsubscribe.body')]}
          button={t.t('links.unsubscribe.button')}
        />,
      ),
    );
  }

  @Post('unsubscribe/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('unsubscribe', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    await this.volunteers.pauseOffers(checked.claims.subjectId);
    await this.message(
      request,
      response,
      200,
      checked.t,
      'links.unsubscribe.done',
      'links.unsubscribe.doneBody',
    );
  }

  /** The volunteer's own page: settings, profile, matches past and upcoming, export, deletion. */
  @Get('preferences/:token')
  async showPreferences(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('preferences', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    sendHtml(response, 200, await this.ownPage(checked, token, request));
  }

  /** Where a saved form leads (303), so reloading the answer posts nothing twice. */
  @Get('preferences/:token/saved/:form')
  async showSaved(
    @Param('token') token: string,
    @Param('form') form: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('preferences', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    if (form !== 'settings' && form !== 'profile') {
      return this.invalid(request, response);
    }
    const [title, body] = SAVED[form];
    await this.message(request, response, 200, checked.t, title, body);
  }

  /** The profile form: availability, radius, languages, skills; open requests are re-checked. */
  @Post('preferences/:token/profile')
  async saveProfile(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('preferences', token, request, 'account');
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const values = body ?? {};
    const read = await readProfileForm(values, checked.t);
    if (!read.ok) {
      return this.formAgain(checked, token, request, response, 'profile', values, read.problems);
    }
    try {
      await this.selfService.updateProfile(checked.claims.subjectId, read.dto);
    } catch (error) {
      const problems = domainErrorAsProblem(error, checked.t);
      if (problems) {
        const fields = problems.map((problem) => ({ ...problem, field: problem.field.split('.')[0] }));
        return this.formAgain(checked, token, request, response, 'profile', values, fields);
      }
      throw error;
    }
    response.redirect(303, `/preferences/${encodeURIComponent(token)}/saved/profile`);
  }

  /** All stored data as a JSON download; GET changes nothing (the export is audited). */
  @Get('preferences/:token/export')
  async exportData(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('preferences', token, request, 'account');
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const data = await this.selfService.export(checked.claims.subjectId);
    response
      .status(200)
      .set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="nahbar-meine-daten.json"',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      })
      .send(JSON.stringify(data, null, 2));
  }

  /** Account deletion: needs the ticked confirmation; personal data erased, history anonymised. */
  @Post('preferences/:token/delete')
  @HttpCode(200)
  async deleteAccount(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('preferences', token, request, 'account');
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    if (body?.confirm !== 'yes') {
      return this.formAgain(checked, token, request, response, 'delete', body ?? {}, [
        { field: 'confirm', message: checked.t.t('links.data.deleteMissing') },
      ]);
    }
    await this.selfService.erase(checked.claims.subjectId);
    // The link is dead from now on: the answer is this page, not a redirect to it.
    await this.message(request, response, 200, checked.t, 'links.data.deleted', 'links.data.deletedBody');
  }

  /**
   * "Link für Datenauskunft/Löschung per E-Mail anfordern": the account link goes to the volunteer's
   * own address (at most one an hour), never onto this page.
   */
  @Post('preferences/:token/account-link')
  @HttpCode(200)
  async requestAccountLink(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('preferences', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    await this.volunteers.requestAccountLink(checked.volunteer.id);
    await this.message(request, response, 200, checked.t, 'links.account.sent', 'links.account.sentBody');
  }

  /** "Alle Links ungültig machen": every link sent so far dies, this one too (audited). */
  @Post('preferences/:token/revoke-links')
  @HttpCode(200)
  async revokeLinks(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('preferences', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    await this.volunteers.revokeLinks(checked.volunteer.id, null);
    const { t } = checked;
    sendHtml(
      response,
      200,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.revoke.done')}
          body={t.t('links.revoke.doneBody')}
        >
          <p>
            <a href={`/my-account?lang=${t.locale}`}>{t.t('links.revoked.newLink')}</a>
          </p>
        </MessagePage>,
      ),
    );
  }

  /** The settings form's POST (urlencoded); a bad value shows the form again with the problem named. */
  @Post('preferences/:token')
  async savePreferences(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('preferences', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const values = body ?? {};
    const read = await readPreferencesForm(values, checked.t);
    if (!read.ok) {
      return this.formAgain(checked, token, request, response, 'settings', values, read.problems);
    }
    await this.volunteers.updatePreferences(checked.claims.subjectId, read.dto);
    // No ?lang=: the answer is in the language just chosen.
    response.redirect(303, `/preferences/${encodeURIComponent(token)}/saved/settings`);
  }

  @Get('email-confirmations/:token')
  async showEmailConfirmation(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const checked = await this.check('email-confirmation', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const { t } = checked;
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.confirmEmail.title')}
          paragraphs={[t.t('links.confirmEmail.body')]}
          button={t.t('links.confirmEmail.button')}
        />,
      ),
    );
  }

  @Post('email-confirmations/:token')
  async confirmEmail(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const checked = await this.check('email-confirmation', token, request);
    if (!('claims' in checked)) {
      return this.refuse(request, response, checked);
    }
    const outcome = await this.volunteers.confirmEmail(checked.claims.subjectId, checked.claims.action);
    if (outcome === 'address-changed' || outcome === 'unknown') {
      return this.message(
        request,
        response,
        409,
        checked.t,
        'links.confirmEmail.addressChanged',
        'links.confirmEmail.addressChangedBody',
      );
    }
    await this.message(
      request,
      response,
      200,
      checked.t,
      'links.confirmEmail.done',
      'links.confirmEmail.doneBody',
    );
  }

  /**
   * The link's claims and its volunteer, or why it leads nowhere: signature and expiry, the
   * volunteer not erased, the link version current, and for the account routes the account scope.
   */
  private async check(
    purpose: LinkPurpose,
    token: string,
    request: Request,
    needs?: 'account',
  ): Promise<Checked | Refusal> {
    const opened = await this.links.open(
      request,
      { purpose, token, actions: purpose === 'preferences' ? SELF_SERVICE_SCOPES : undefined },
      async (claims) => {
        const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: claims.subjectId });
        // An erased account's links lead nowhere.
        return volunteer && volunteer.erasedAt === null ? { subject: volunteer, holder: volunteer } : null;
      },
    );
    if (opened.state !== 'open') {
      return opened;
    }
    const { claims, subject: volunteer, t } = opened;
    const scope = purpose === 'preferences' ? selfServiceScopeOf(claims) : null;
    if (needs === 'account' && scope !== 'account') {
      return { state: 'scope', t, token };
    }
    return { claims, volunteer, t, scope };
  }

  private refuse(request: Request, response: Response, refusal: Refusal): Promise<void> {
    return refusal.state === 'scope'
      ? this.links.refuseScope(request, response, refusal.t, refusal.token)
      : this.links.refuse(request, response, refusal);
  }

  private async formAgain(
    checked: Checked,
    token: string,
    request: Request,
    response: Response,
    form: 'settings' | 'profile' | 'delete',
    values: Record<string, unknown>,
    problems: FieldError[],
  ): Promise<void> {
    sendHtml(response, 400, await this.ownPage(checked, token, request, { form, values, problems }));
  }

  private async ownPage(
    { volunteer, t, scope }: Checked,
    token: string,
    request: Request,
    posted?: SelfServiceView['posted'],
  ): Promise<string> {
    // The settings scope shows no personal details: no profile, no matches.
    const matches = scope === 'account' ? await this.selfService.matches(volunteer.id) : [];
    return renderPage(
      <SelfServicePage
        t={t}
        agency={await this.agencyProfile.get()}
        path={pagePath(request)}
        base={`/preferences/${encodeURIComponent(token)}`}
        scope={scope ?? 'settings'}
        preferences={{
          offerDelivery: volunteer.offerDelivery,
          maxOffersPerWeek: volunteer.maxOffersPerWeek,
          awayUntil: volunteer.awayUntil,
          quietHours: volunteer.quietHours,
          locale: volunteer.locale,
        }}
        profile={{
          phone: volunteer.phone,
          postalCode: volunteer.postalCode,
          maxTravelKm: volunteer.maxTravelKm,
          languageCodes: volunteer.languageCodes,
          skills: volunteer.skills,
          availability: volunteer.availability,
        }}
        skills={Object.keys(this.taxonomy.taxonomy.skills).map((key) => ({
          value: key,
          label: this.taxonomy.label('skills', key, t),
        }))}
        matches={matches.map((match) => ({
          ...match,
          categoryText: this.taxonomy.label('categories', match.category, t),
        }))}
        posted={posted}
      />,
    );
  }

  private async message(
    request: Request,
    response: Response,
    status: number,
    t: Translator,
    title: MessageKey,
    body: MessageKey,
  ): Promise<void> {
    sendMessagePage(request, response, { status, t, agency: await this.agencyProfile.get(), title, body });
  }

  private invalid(request: Request, response: Response): Promise<void> {
    return this.message(
      request,
      response,
      400,
      linkTranslator(request),
      'links.invalid.title',
      'links.invalid.body',
    );
  }
}
