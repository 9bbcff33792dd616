import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Repository } from 'typeorm';
import {
  confirmFormPage,
  INVALID_LINK,
  messagePage,
  SAVED_ONLY_ON_PRESS,
  sendPage,
  type PageLocale,
} from '../common/link-pages';
import { verifyLinkToken, type LinkClaims, type LinkPurpose } from '../shared/signed-links';
import { APP_CONFIG, AppConfig } from '../config/config';
import {
  parsePreferencesForm,
  preferencesPage,
  preferencesSavedPage,
  type VolunteerPreferences,
} from './preferences-form';
import { Volunteer } from './volunteer.entity';
import { VolunteersService } from './volunteers.service';
import { SelfServiceService } from './self-service.service';
import {
  dataSection,
  matchesSection,
  parseProfileForm,
  profileSection,
  selfServiceText,
  type ProfileField,
} from './self-service-page';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { DomainError } from '../shared/domain-error';

const preferencesOf = (v: Volunteer): VolunteerPreferences => ({
  offerDelivery: v.offerDelivery,
  maxOffersPerWeek: v.maxOffersPerWeek,
  awayUntil: v.awayUntil,
  quietHours: v.quietHours,
  // The link pages exist in German and English until they move to the catalogue (web/links).
  locale: v.locale === 'de' ? 'de' : 'en',
});

/** The text fields of the profile form as typed, to show them again next to their error. */
const typedProfile = (body: Record<string, unknown>) =>
  Object.fromEntries(
    (['phone', 'postalCode', 'maxTravelKm'] as const)
      .filter((field) => typeof body[field] === 'string')
      .map((field) => [field, (body[field] as string).slice(0, 40)]),
  );

const TEXT = {
  de: {
    unsubscribeQuestion: 'Keine Anfragen mehr bekommen?',
    unsubscribeBody:
      'Wenn Sie bestätigen, schicken wir Ihnen keine neuen Anfragen mehr. Zusagen, die Sie schon gegeben haben, bleiben bestehen. Sie können jederzeit wieder mitmachen: Melden Sie sich einfach bei der Agentur.',
    unsubscribeButton: 'Ja, keine Anfragen mehr',
    unsubscribed: 'Sie bekommen keine Anfragen mehr.',
    unsubscribedBody:
      'Danke für Ihre Hilfe bisher! Wenn Sie wieder mitmachen möchten, melden Sie sich bei der Agentur.',
    confirmQuestion: 'E-Mail-Adresse bestätigen',
    confirmBody:
      'Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist. Erst dann schicken wir Ihnen Anfragen.',
    confirmButton: 'Ja, das ist meine Adresse',
    confirmed: 'Danke, Ihre E-Mail-Adresse ist bestätigt.',
    confirmedBody: 'Ab jetzt können wir Ihnen passende Anfragen schicken.',
    addressChanged: 'Dieser Link gehört zu einer älteren E-Mail-Adresse.',
    addressChangedBody:
      'Bitte nutzen Sie den Link aus der neuesten E-Mail oder melden Sie sich bei der Agentur.',
  },
  en: {
    unsubscribeQuestion: 'Stop receiving requests?',
    unsubscribeBody:
      'If you confirm, we will send you no new requests. Assignments you have already agreed to stay as they are. You can come back at any time: just contact the agency.',
    unsubscribeButton: 'Yes, no more requests',
    unsubscribed: 'You will receive no more requests.',
    unsubscribedBody:
      'Thank you for your help so far! If you would like to take part again, please contact the agency.',
    confirmQuestion: 'Confirm your email address',
    confirmBody: 'Please confirm that this is your email address. Only then will we send you requests.',
    confirmButton: 'Yes, this is my address',
    confirmed: 'Thank you, your email address is confirmed.',
    confirmedBody: 'From now on we can send you requests that fit.',
    addressChanged: 'This link belongs to an older email address.',
    addressChangedBody: 'Please use the link from the latest email, or contact the agency.',
  },
} as const;

/**
 * The volunteer's own links: settings, one-click unsubscribe (RFC 8058) and the double opt-in. GET and HEAD
 * show a page and change nothing; POST acts. A mail client's one-click POST needs no page, but gets one.
 */
@ApiExcludeController()
@Controller()
export class VolunteerLinksController {
  constructor(
    @InjectRepository(Volunteer) private readonly volunteerRows: Repository<Volunteer>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly volunteers: VolunteersService,
    private readonly selfService: SelfServiceService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get('unsubscribe/:token')
  async showUnsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('unsubscribe', token);
    if (!checked) {
      return this.invalid(response);
    }
    const t = TEXT[checked.locale];
    sendPage(
      response,
      200,
      confirmFormPage({
        lang: checked.locale,
        title: t.unsubscribeQuestion,
        paragraphs: [t.unsubscribeBody],
        postPath: `/unsubscribe/${encodeURIComponent(token)}`,
        button: t.unsubscribeButton,
        note: SAVED_ONLY_ON_PRESS[checked.locale],
      }),
    );
  }

  @Post('unsubscribe/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('unsubscribe', token);
    if (!checked) {
      return this.invalid(response);
    }
    await this.volunteers.pauseOffers(checked.claims.subjectId);
    const t = TEXT[checked.locale];
    sendPage(response, 200, messagePage(checked.locale, t.unsubscribed, t.unsubscribedBody));
  }

  /** The volunteer's own page: settings, profile, matches past and upcoming, export, deletion. */
  @Get('preferences/:token')
  async showPreferences(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('preferences', token);
    if (!checked) {
      return this.invalid(response);
    }
    sendPage(response, 200, await this.ownPage(checked, token));
  }

  /** The profile form: availability, radius, languages, skills; open requests are re-checked. */
  @Post('preferences/:token/profile')
  @HttpCode(200)
  async saveProfile(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check('preferences', token);
    if (!checked) {
      return this.invalid(response);
    }
    const parsed = parseProfileForm(body ?? {});
    if (!parsed.ok) {
      return sendPage(
        response,
        400,
        await this.ownPage(checked, token, { profileErrors: parsed.errors, typed: typedProfile(body ?? {}) }),
      );
    }
    try {
      await this.selfService.updateProfile(checked.claims.subjectId, parsed.value);
    } catch (error) {
      if (error instanceof DomainError && error.field) {
        const field = error.field.split('.')[0] as ProfileField;
        return sendPage(
          response,
          400,
          await this.ownPage(checked, token, {
            profileErrors: { [field]: true },
            typed: typedProfile(body ?? {}),
          }),
        );
      }
      throw error;
    }
    const t = selfServiceText(checked.locale);
    sendPage(response, 200, messagePage(checked.locale, t.saved, ''));
  }

  /** All stored data as a JSON download; GET changes nothing (the export is audited). */
  @Get('preferences/:token/export')
  async exportData(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('preferences', token);
    if (!checked) {
      return this.invalid(response);
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
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check('preferences', token);
    if (!checked) {
      return this.invalid(response);
    }
    if (body?.confirm !== 'yes') {
      return sendPage(response, 400, await this.ownPage(checked, token, { confirmMissing: true }));
    }
    await this.selfService.erase(checked.claims.subjectId);
    const t = selfServiceText(checked.locale);
    sendPage(response, 200, messagePage(checked.locale, t.deleted, t.deletedBody));
  }

  /** The settings form's POST (urlencoded); a bad value shows the form again with the problem named. */
  @Post('preferences/:token')
  @HttpCode(200)
  async savePreferences(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check('preferences', token);
    if (!checked) {
      return this.invalid(response);
    }
    const parsed = parsePreferencesForm(body ?? {});
    if (!parsed.ok) {
      return sendPage(
        response,
        400,
        await this.ownPage(checked, token, { settingsError: parsed.message[checked.locale] }),
      );
    }
    await this.volunteers.updatePreferences(checked.claims.subjectId, parsed.value);
    sendPage(response, 200, preferencesSavedPage(parsed.value.locale));
  }

  @Get('email-confirmations/:token')
  async showEmailConfirmation(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('email-confirmation', token);
    if (!checked) {
      return this.invalid(response);
    }
    const t = TEXT[checked.locale];
    sendPage(
      response,
      200,
      confirmFormPage({
        lang: checked.locale,
        title: t.confirmQuestion,
        paragraphs: [t.confirmBody],
        postPath: `/email-confirmations/${encodeURIComponent(token)}`,
        button: t.confirmButton,
        note: SAVED_ONLY_ON_PRESS[checked.locale],
      }),
    );
  }

  @Post('email-confirmations/:token')
  async confirmEmail(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check('email-confirmation', token);
    if (!checked) {
      return this.invalid(response);
    }
    const outcome = await this.volunteers.confirmEmail(checked.claims.subjectId, checked.claims.action);
    const t = TEXT[checked.locale];
    if (outcome === 'address-changed' || outcome === 'unknown') {
      return sendPage(response, 409, messagePage(checked.locale, t.addressChanged, t.addressChangedBody));
    }
    sendPage(response, 200, messagePage(checked.locale, t.confirmed, t.confirmedBody));
  }

  private async check(
    purpose: LinkPurpose,
    token: string,
  ): Promise<{ claims: LinkClaims; locale: PageLocale; volunteer: Volunteer } | null> {
    const check = verifyLinkToken(this.config.LINK_SECRET, purpose, token, new Date());
    if (!check.valid) {
      return null;
    }
    const volunteer = await this.volunteerRows.findOneBy({ id: check.claims.subjectId });
    // An erased account's links lead nowhere.
    return volunteer && volunteer.erasedAt === null
      ? { claims: check.claims, locale: volunteer.locale === 'de' ? 'de' : 'en', volunteer }
      : null;
  }

  private async ownPage(
    checked: { locale: PageLocale; volunteer: Volunteer },
    token: string,
    problems: {
      settingsError?: string;
      profileErrors?: Partial<Record<ProfileField, true>>;
      confirmMissing?: boolean;
      typed?: Partial<Record<'phone' | 'postalCode' | 'maxTravelKm', string>>;
    } = {},
  ): Promise<string> {
    const base = `/preferences/${encodeURIComponent(token)}`;
    const { volunteer, locale } = checked;
    const skills = Object.keys(this.taxonomy.taxonomy.skills).map((key) => ({
      value: key,
      label: this.taxonomy.label('skills', key, locale),
    }));
    const matches = await this.selfService.matches(volunteer.id);
    return preferencesPage(
      locale,
      preferencesOf(volunteer),
      base,
      problems.settingsError,
      [
        profileSection(locale, volunteer, skills, `${base}/profile`, problems.profileErrors, problems.typed),
        matchesSection(locale, matches, (key) => this.taxonomy.label('categories', key, locale)),
        dataSection(locale, `${base}/export`, `${base}/delete`, problems.confirmMissing),
      ].join('\n'),
    );
  }

  private invalid(response: Response): void {
    sendPage(response, 400, messagePage('de', INVALID_LINK.de[0], INVALID_LINK.de[1]));
  }
}
