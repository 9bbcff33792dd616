import { Body, Controller, Get, HttpCode, Ip, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { isHoneypotFilled } from '../abuse-protection/abuse-protection.service';
import {
  AbuseProtectionService,
  TooManySubmissionsError,
} from '../abuse-protection/abuse-protection.service';
import { PublicSubmission } from '../abuse-protection/abuse-protection.service';
import { berlinDateOf } from '../shared/berlin-time';
import { DomainError } from '../shared/domain-error';
import { sendPage } from '../common/link-pages';
import { HelpRequestsService } from '../help-seekers/help-requests.service';
import { ProvidersService } from '../providers/providers.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import {
  HelpFormMode,
  parseHelpRequestForm,
  parseProviderForm,
  parseVolunteerForm,
  Parsed,
  text,
} from './forms';
import { pickLocale, translator, type Translator } from './i18n';
import {
  accountPage,
  callBackPage,
  EASY_STEPS,
  easyStepPage,
  helpRequestPage,
  homePage,
  messagePage,
  providerPage,
  volunteerPage,
} from './pages';
import { emptyForm, FormErrors, FormState, FormValues } from './public-html';

type Body_ = Record<string, unknown> | undefined;

/** Only strings and lists of strings from a urlencoded body; anything else is dropped. */
function formValues(body: Body_): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (typeof value === 'string') {
      values[key] = value;
    } else if (Array.isArray(value)) {
      values[key] = value.filter((item): item is string => typeof item === 'string');
    }
  }
  return values;
}

/** Errors the services find (unknown postal code, past date) shown at the field they are about. */
function fieldErrorOf(error: unknown): FormErrors | null {
  if (!(error instanceof DomainError) || !error.field) {
    return null;
  }
  if (error.code === 'unknown-postal-code') {
    return { postalCode: 'error.postalCodeUnknown' };
  }
  const field = error.field.split('.')[0];
  const mapped: Record<string, string> = {
    schedule: 'date',
    category: 'category',
    skills: 'skills',
    fieldsOfActivity: 'fields',
    postalCode: 'postalCode',
    'consent.healthData': 'healthConsent',
    consent: 'consent',
    availability: 'availability',
    interests: 'skills',
  };
  const name = mapped[error.field] ?? mapped[field];
  return name ? { [name]: `error.${name === 'fields' ? 'fields' : name}` } : null;
}

/**
 * The public website of the agency: help requests (full, plain language, call-back), volunteer and
 * provider sign-up, and the self-service link. Plain HTML forms: POST, then a redirect (303) to a
 * thank-you page, or the form again (400) with each error next to its field.
 */
@ApiExcludeController()
@Controller()
export class PublicPagesController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly volunteers: VolunteersService,
    private readonly providers: ProvidersService,
    private readonly abuse: AbuseProtectionService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get()
  home(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(response, 200, homePage(translator(pickLocale(lang))));
  }

  @Get('help')
  showHelp(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(
      response,
      200,
      helpRequestPage(translator(pickLocale(lang)), this.taxonomy.taxonomy, emptyForm()),
    );
  }

  @Post('help')
  async submitHelp(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    await this.submitHelpRequest(body, ip, response, 'full', (tr, state) =>
      helpRequestPage(tr, this.taxonomy.taxonomy, state),
    );
  }

  @Get('help/call-back')
  showCallBack(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(response, 200, callBackPage(translator(pickLocale(lang)), emptyForm()));
  }

  @Post('help/call-back')
  async submitCallBack(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    await this.submitHelpRequest(body, ip, response, 'call-back', callBackPage);
  }

  @Get('help/easy')
  showEasy(@Query('lang') lang: unknown, @Res() response: Response): void {
    const tr = translator(pickLocale(lang));
    sendPage(response, 200, easyStepPage(tr, this.taxonomy.taxonomy, emptyForm(), 0, this.nextDays(tr)));
  }

  /** One question per page: check this step's answer, then show the next question (or send). */
  @Post('help/easy')
  @HttpCode(200)
  async submitEasy(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const tr = translator(pickLocale(values.lang));
    const step = Math.min(Math.max(Number(text(values, 'step')) || 0, 0), EASY_STEPS.length - 1);
    const render = (state: FormState, at: number, status = 200) =>
      sendPage(response, status, easyStepPage(tr, this.taxonomy.taxonomy, state, at, this.nextDays(tr)));
    if (text(values, 'go') === 'back') {
      return render({ values, errors: {} }, Math.max(step - 1, 0));
    }
    const parsed = this.parseHelp(values, tr, 'easy');
    const firstBad = parsed.ok ? -1 : EASY_STEPS.findIndex((name) => name in parsed.errors);
    if (!parsed.ok && firstBad !== -1 && firstBad <= step) {
      return render(
        { values, errors: { [EASY_STEPS[firstBad]]: parsed.errors[EASY_STEPS[firstBad]] } },
        firstBad,
        400,
      );
    }
    if (step < EASY_STEPS.length - 1) {
      return render({ values, errors: {} }, step + 1);
    }
    await this.submitHelpRequest(body, ip, response, 'easy', (_tr, state) => {
      const bad = EASY_STEPS.findIndex((name) => name in state.errors);
      return easyStepPage(tr, this.taxonomy.taxonomy, state, bad === -1 ? step : bad, this.nextDays(tr));
    });
  }

  @Get('help/thanks')
  helpThanks(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(
      response,
      200,
      messagePage(translator(pickLocale(lang)), '/help/thanks', 'help.thanksTitle', 'help.thanksBody'),
    );
  }

  @Get('volunteer')
  showVolunteer(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(response, 200, volunteerPage(translator(pickLocale(lang)), this.taxonomy.taxonomy, emptyForm()));
  }

  /** Whether the address was new or already registered, the answer is the same thank-you page. */
  @Post('volunteer')
  async submitVolunteer(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const tr = translator(pickLocale(values.lang));
    await this.submit(response, tr, values, {
      kind: 'volunteer',
      ip,
      parse: () => parseVolunteerForm(values, tr.locale),
      email: (dto) => dto.email,
      store: (dto) => this.volunteers.signUp(dto),
      form: (state) => volunteerPage(tr, this.taxonomy.taxonomy, state),
      thanks: '/volunteer/thanks',
    });
  }

  @Get('volunteer/thanks')
  volunteerThanks(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(
      response,
      200,
      messagePage(
        translator(pickLocale(lang)),
        '/volunteer/thanks',
        'volunteer.thanksTitle',
        'volunteer.thanksBody',
      ),
    );
  }

  @Get('provider')
  showProvider(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(response, 200, providerPage(translator(pickLocale(lang)), this.taxonomy.taxonomy, emptyForm()));
  }

  @Post('provider')
  async submitProvider(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const tr = translator(pickLocale(values.lang));
    await this.submit(response, tr, values, {
      kind: 'provider',
      ip,
      parse: () => parseProviderForm(values),
      email: (dto) => dto.email,
      store: (dto) => this.providers.signUp(dto),
      form: (state) => providerPage(tr, this.taxonomy.taxonomy, state),
      thanks: '/provider/thanks',
    });
  }

  @Get('provider/thanks')
  providerThanks(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(
      response,
      200,
      messagePage(
        translator(pickLocale(lang)),
        '/provider/thanks',
        'provider.thanksTitle',
        'provider.thanksBody',
      ),
    );
  }

  @Get('my-account')
  showAccount(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(response, 200, accountPage(translator(pickLocale(lang)), emptyForm()));
  }

  /** Sends the self-service link if the address is registered; the page says the same either way. */
  @Post('my-account')
  async requestAccountLink(@Body() body: Body_, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const tr = translator(pickLocale(values.lang));
    const email = text(values, 'email').toLowerCase();
    await this.submit(response, tr, values, {
      kind: 'self-service-link',
      ip,
      parse: (): Parsed<string> =>
        /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email) && email.length <= 254
          ? { ok: true, value: email }
          : { ok: false, errors: { email: 'error.email' } },
      email: (address) => address,
      store: (address) => this.volunteers.sendSelfServiceLink(address),
      form: (state) => accountPage(tr, state),
      thanks: '/my-account/sent',
    });
  }

  @Get('my-account/sent')
  accountLinkSent(@Query('lang') lang: unknown, @Res() response: Response): void {
    sendPage(
      response,
      200,
      messagePage(translator(pickLocale(lang)), '/my-account/sent', 'account.sentTitle', 'account.sentBody'),
    );
  }

  private parseHelp(values: FormValues, tr: Translator, mode: HelpFormMode) {
    return parseHelpRequestForm(values, {
      mode,
      today: berlinDateOf(new Date()),
      locale: tr.locale,
      describe: (key) => tr.t(key),
    });
  }

  private async submitHelpRequest(
    body: Body_,
    ip: string,
    response: Response,
    mode: HelpFormMode,
    form: (tr: Translator, state: FormState) => string,
  ): Promise<void> {
    const values = formValues(body);
    const tr = translator(pickLocale(values.lang));
    await this.submit(response, tr, values, {
      kind: 'help-request',
      ip,
      parse: () => this.parseHelp(values, tr, mode),
      email: (dto) => dto.helpSeeker.email,
      store: (dto) => this.helpRequests.submitPublic(dto, { callBack: mode === 'call-back' }),
      form: (state) => form(tr, state),
      thanks: '/help/thanks',
    });
  }

  /** The steps every public form shares: honeypot, parse, rate limits, store, redirect. */
  private async submit<T>(
    response: Response,
    tr: Translator,
    values: FormValues,
    steps: {
      kind: PublicSubmission;
      ip: string;
      parse: () => Parsed<T>;
      email: (value: T) => string | undefined;
      store: (value: T) => Promise<unknown>;
      form: (state: FormState) => string;
      thanks: string;
    },
  ): Promise<void> {
    const thanks = () => response.redirect(303, `${steps.thanks}?lang=${tr.locale}`);
    if (isHoneypotFilled(values.website)) {
      // A bot: it sees the usual thank-you page, and nothing is stored or sent.
      return thanks();
    }
    const parsed = steps.parse();
    if (!parsed.ok) {
      return sendPage(response, 400, steps.form({ values, errors: parsed.errors }));
    }
    try {
      await this.abuse.admit(steps.kind, steps.ip, steps.email(parsed.value));
      await steps.store(parsed.value);
    } catch (error) {
      if (error instanceof TooManySubmissionsError) {
        return sendPage(response, 429, messagePage(tr, steps.thanks, 'tooMany.title', 'tooMany.body'));
      }
      const errors = fieldErrorOf(error);
      if (errors) {
        return sendPage(response, 400, steps.form({ values, errors }));
      }
      throw error;
    }
    thanks();
  }

  /** The next seven days as answers to "which day?", named the way people say them. */
  private nextDays(tr: Translator): { value: string; label: string }[] {
    const today = berlinDateOf(new Date());
    const format = new Intl.DateTimeFormat(tr.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    return Array.from({ length: 7 }, (_, offset) => {
      const day = new Date(`${today}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() + offset);
      return { value: day.toISOString().slice(0, 10), label: format.format(day) };
    });
  }
}
