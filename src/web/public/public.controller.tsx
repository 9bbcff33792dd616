import { Body, Controller, Get, HttpCode, Ip, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { VNode } from 'preact';
import { isHoneypotFilled, type PublicSubmission } from '../../abuse-protection/abuse-keys';
import {
  AbuseProtectionService,
  TooManySubmissionsError,
} from '../../abuse-protection/abuse-protection.service';
import type { FieldError } from '../../common/validation';
import { CallBacksService } from '../../help-seekers/call-backs.service';
import { HelpRequestsService } from '../../help-seekers/help-requests.service';
import { pickLocale, translator, type MessageKey, type Translator } from '../../i18n';
import { ProvidersService } from '../../providers/providers.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { berlinDateOf } from '../../shared/berlin-time';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { emptyForm, type FormState, type FormValues } from './form-fields';
import {
  AccessibilityPage,
  AccountPage,
  CallBackPage,
  EASY_STEPS,
  EasyStepPage,
  HelpRequestPage,
  HomePage,
  ImprintPage,
  MessagePage,
  PrivacyPage,
  ProviderPage,
  VolunteerPage,
  type PageContext,
} from './pages';
import {
  ACCOUNT_FORM,
  CALL_BACK_FORM,
  HELP_FORM,
  PROVIDER_FORM,
  VOLUNTEER_FORM,
  domainProblems,
  readAccountForm,
  readCallBackForm,
  readHelpRequestForm,
  readProviderForm,
  readVolunteerForm,
  type CategoryQuestions,
  type FormResult,
  type HelpFormMode,
} from './public-forms';

type PostedBody = Record<string, unknown> | undefined;

/** Only strings and lists of strings from a urlencoded body; anything else is dropped. */
function formValues(body: PostedBody): FormValues {
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

/**
 * The public website of the agency: help requests (full, plain language, call-back), volunteer and
 * provider sign-up, the self-service link, and the legal pages. Plain HTML forms: POST, then a
 * redirect (303) to a thank-you page, or the form again (400) with each problem next to its field.
 */
@ApiExcludeController()
@Controller()
export class PublicController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly callBacks: CallBacksService,
    private readonly volunteers: VolunteersService,
    private readonly providers: ProvidersService,
    private readonly abuse: AbuseProtectionService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get()
  async home(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <HomePage {...context} />);
  }

  @Get('impressum')
  async imprint(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <ImprintPage {...context} />);
  }

  @Get('datenschutz')
  async privacy(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <PrivacyPage {...context} />);
  }

  @Get('barrierefreiheit')
  async accessibility(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <AccessibilityPage {...context} />);
  }

  @Get('help')
  async showHelp(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => (
      <HelpRequestPage {...context} taxonomy={this.taxonomy.taxonomy} state={emptyForm()} />
    ));
  }

  @Post('help')
  async submitHelp(@Body() body: PostedBody, @Ip() ip: string, @Res() response: Response): Promise<void> {
    await this.submitHelpRequest(body, ip, response, 'full', (context, state) => (
      <HelpRequestPage {...context} taxonomy={this.taxonomy.taxonomy} state={state} />
    ));
  }

  @Get('help/call-back')
  async showCallBack(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <CallBackPage {...context} state={emptyForm()} />);
  }

  /** No category, no schedule: it waits as a call-back until staff have called (console "Zurückrufen"). */
  @Post('help/call-back')
  async submitCallBack(@Body() body: PostedBody, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    await this.submit(response, context, values, {
      kind: 'help-request',
      ip,
      read: () => readCallBackForm(values, context.t),
      spec: CALL_BACK_FORM,
      email: () => undefined,
      store: (dto) => this.callBacks.submitPublic(dto),
      form: (state) => <CallBackPage {...context} state={state} />,
      thanks: '/help/thanks',
    });
  }

  @Get('help/easy')
  async showEasy(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => this.easyStep(context, emptyForm(), 0));
  }

  /** One question per page: check this step's answer, then show the next question (or send). */
  @Post('help/easy')
  @HttpCode(200)
  async submitEasy(@Body() body: PostedBody, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    const step = Math.min(Math.max(Number(values.step) || 0, 0), EASY_STEPS.length - 1);
    const render = (state: FormState, at: number, status = 200) =>
      sendHtml(response, status, renderPage(this.easyStep(context, state, at)));
    if (values.go === 'back') {
      return render({ values, problems: [] }, Math.max(step - 1, 0));
    }
    const read = await readHelpRequestForm(values, 'easy', context.t);
    const problems = read.ok ? [] : read.problems;
    const firstBad = EASY_STEPS.findIndex((name) => problems.some((problem) => problem.field === name));
    if (firstBad !== -1 && firstBad <= step) {
      const shown = problems.filter((problem) => problem.field === EASY_STEPS[firstBad]);
      return render({ values, problems: shown }, firstBad, 400);
    }
    if (step < EASY_STEPS.length - 1) {
      return render({ values, problems: [] }, step + 1);
    }
    await this.submitHelpRequest(body, ip, response, 'easy', (ctx, state) => {
      const bad = EASY_STEPS.findIndex((name) => state.problems.some((problem) => problem.field === name));
      return this.easyStep(ctx, state, bad === -1 ? step : bad);
    });
  }

  @Get('help/thanks')
  async helpThanks(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.message(response, lang, '/help/thanks', 'public.help.thanksTitle', 'public.help.thanksBody');
  }

  @Get('volunteer')
  async showVolunteer(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => (
      <VolunteerPage {...context} taxonomy={this.taxonomy.taxonomy} state={emptyForm()} />
    ));
  }

  /** Whether the address was new or already registered, the answer is the same thank-you page. */
  @Post('volunteer')
  async submitVolunteer(
    @Body() body: PostedBody,
    @Ip() ip: string,
    @Res() response: Response,
  ): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    await this.submit(response, context, values, {
      kind: 'volunteer',
      ip,
      read: () => readVolunteerForm(values, context.t),
      spec: VOLUNTEER_FORM,
      email: (dto) => dto.email,
      store: (dto) => this.volunteers.signUp(dto),
      form: (state) => <VolunteerPage {...context} taxonomy={this.taxonomy.taxonomy} state={state} />,
      thanks: '/volunteer/thanks',
    });
  }

  @Get('volunteer/thanks')
  async volunteerThanks(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.message(
      response,
      lang,
      '/volunteer/thanks',
      'public.volunteer.thanksTitle',
      'public.volunteer.thanksBody',
    );
  }

  @Get('provider')
  async showProvider(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => (
      <ProviderPage {...context} taxonomy={this.taxonomy.taxonomy} state={emptyForm()} />
    ));
  }

  @Post('provider')
  async submitProvider(@Body() body: PostedBody, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    await this.submit(response, context, values, {
      kind: 'provider',
      ip,
      read: () => readProviderForm(values, context.t),
      spec: PROVIDER_FORM,
      email: (dto) => dto.email,
      store: (dto) => this.providers.signUp(dto),
      form: (state) => <ProviderPage {...context} taxonomy={this.taxonomy.taxonomy} state={state} />,
      thanks: '/provider/thanks',
    });
  }

  @Get('provider/thanks')
  async providerThanks(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.message(
      response,
      lang,
      '/provider/thanks',
      'public.provider.thanksTitle',
      'public.provider.thanksBody',
    );
  }

  @Get('my-account')
  async showAccount(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.show(response, lang, (context) => <AccountPage {...context} state={emptyForm()} />);
  }

  /** Sends the self-service link if the address is registered; the page says the same either way. */
  @Post('my-account')
  async requestAccountLink(
    @Body() body: PostedBody,
    @Ip() ip: string,
    @Res() response: Response,
  ): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    await this.submit(response, context, values, {
      kind: 'self-service-link',
      ip,
      read: () => readAccountForm(values, context.t),
      spec: ACCOUNT_FORM,
      email: (dto) => dto.email,
      store: (dto) => this.volunteers.sendSelfServiceLink(dto.email),
      form: (state) => <AccountPage {...context} state={state} />,
      thanks: '/my-account/sent',
    });
  }

  @Get('my-account/sent')
  async accountLinkSent(@Query('lang') lang: unknown, @Res() response: Response): Promise<void> {
    await this.message(
      response,
      lang,
      '/my-account/sent',
      'public.account.sentTitle',
      'public.account.sentBody',
    );
  }

  /** Which categories ask the street (help at home) and which the language (language mediation). */
  private categoryQuestions(): CategoryQuestions {
    return {
      atHome: this.taxonomy.atHomeCategories(),
      language: Object.entries(this.taxonomy.taxonomy.categories)
        .filter(([, category]) => category.skills.includes('interpreting'))
        .map(([key]) => key),
    };
  }

  private async context(lang: unknown): Promise<PageContext> {
    return { t: translator(pickLocale(lang, 'public'), 'public'), agency: await this.agencyProfile.get() };
  }

  private async show(
    response: Response,
    lang: unknown,
    page: (context: PageContext) => VNode,
  ): Promise<void> {
    sendHtml(response, 200, renderPage(page(await this.context(lang))));
  }

  private async message(
    response: Response,
    lang: unknown,
    path: string,
    title: MessageKey,
    body: MessageKey,
  ): Promise<void> {
    await this.show(response, lang, (context) => (
      <MessagePage {...context} path={path} title={title} body={body} />
    ));
  }

  private easyStep(context: PageContext, state: FormState, step: number): VNode {
    return (
      <EasyStepPage
        {...context}
        taxonomy={this.taxonomy.taxonomy}
        state={state}
        step={step}
        days={this.nextDays(context.t)}
      />
    );
  }

  private async submitHelpRequest(
    body: PostedBody,
    ip: string,
    response: Response,
    mode: HelpFormMode,
    form: (context: PageContext, state: FormState) => VNode,
  ): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    await this.submit(response, context, values, {
      kind: 'help-request',
      ip,
      read: () =>
        readHelpRequestForm(values, mode, context.t, mode === 'full' ? this.categoryQuestions() : undefined),
      spec: HELP_FORM,
      email: (dto) => dto.helpSeeker.email,
      store: (dto) => this.helpRequests.submitPublic(dto),
      form: (state) => form(context, state),
      thanks: '/help/thanks',
    });
  }

  /** The steps every public form shares: honeypot, read, rate limits, store, redirect. */
  private async submit<T>(
    response: Response,
    context: PageContext,
    values: FormValues,
    steps: {
      kind: PublicSubmission;
      ip: string;
      read: () => Promise<FormResult<T>>;
      spec: Parameters<typeof domainProblems>[1];
      email: (dto: T) => string | undefined;
      store: (dto: T) => Promise<unknown>;
      form: (state: FormState) => VNode;
      thanks: string;
    },
  ): Promise<void> {
    const { t } = context;
    const again = (problems: FieldError[]) =>
      sendHtml(response, 400, renderPage(steps.form({ values, problems })));
    const thanks = () => response.redirect(303, `${steps.thanks}?lang=${t.locale}`);
    if (isHoneypotFilled(values.website)) {
      // A bot: it sees the usual thank-you page, and nothing is stored or sent.
      return thanks();
    }
    const read = await steps.read();
    if (!read.ok) {
      return again(read.problems);
    }
    try {
      await this.abuse.admit(steps.kind, steps.ip, steps.email(read.dto));
      await steps.store(read.dto);
    } catch (error) {
      if (error instanceof TooManySubmissionsError) {
        const page = (
          <MessagePage
            {...context}
            path={steps.thanks}
            title="public.tooMany.title"
            body="public.tooMany.body"
          />
        );
        return sendHtml(response, 429, renderPage(page));
      }
      const problems = domainProblems(error, steps.spec, t);
      if (problems) {
        return again(problems);
      }
      throw error;
    }
    thanks();
  }

  /** The next seven days as answers to "which day?", named the way people say them. */
  private nextDays(t: Translator): { value: string; label: string }[] {
    const today = berlinDateOf(new Date());
    return Array.from({ length: 7 }, (_, offset) => {
      const day = new Date(`${today}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() + offset);
      return {
        value: day.toISOString().slice(0, 10),
        label: t.date(day, { weekday: 'long', day: 'numeric', month: 'long' }),
      };
    });
  }
}
