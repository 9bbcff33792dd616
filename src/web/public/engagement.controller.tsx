import { Body, Controller, Get, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { isHoneypotFilled } from '../../abuse-protection/abuse-keys';
import {
  AbuseProtectionService,
  TooManySubmissionsError,
} from '../../abuse-protection/abuse-protection.service';
import type { FieldError } from '../../common/validation';
import { OpportunityInterestDto } from '../../engagement/dto/opportunity-interest.dto';
import { EngagementInterestService } from '../../engagement/engagement-interest.service';
import { OpportunitySearchService } from '../../engagement/opportunity-search.service';
import { pickLocale, translator, type MessageKey } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { NotFoundError, UnknownPostalCodeError } from '../../shared/domain-error';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { formCheckbox, formText, readForm } from '../forms/form-path';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import {
  BadFilterPage,
  InterestThanksPage,
  OpportunityNotFoundPage,
  OpportunityPage,
  SearchPage,
} from './engagement-pages';
import { emptyForm, type FormValues } from './form-fields';
import { MessagePage, type PageContext } from './pages';
import { domainProblems } from './public-forms';

type PostedBody = Record<string, unknown> | undefined;

const INTEREST_ORDER = ['name', 'email', 'phone', 'postalCode', 'note', 'consent'] as const;
const INTEREST_MESSAGES: Record<string, MessageKey> = {
  name: 'public.error.name',
  email: 'public.error.email',
  phone: 'public.error.phone',
  postalCode: 'public.error.postalCode',
  note: 'engagement.error.note',
  consent: 'public.error.consent',
};
const INTEREST_SPEC: Parameters<typeof domainProblems>[1] = {
  fields: Object.fromEntries(INTEREST_ORDER.map((name) => [name, name])),
  messages: INTEREST_MESSAGES,
  order: INTEREST_ORDER,
};

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
 * The public opportunity search (issue 13): filters as a GET form (no scripts), one page per
 * published opportunity, and "Ich interessiere mich", which signs the person up (or finds them by
 * address, without saying so) and opens a placement at "interested".
 */
@ApiExcludeController()
@Controller('engagement')
export class EngagementController {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly interest: EngagementInterestService,
    private readonly abuse: AbuseProtectionService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  /** An unknown filter value is a 400 naming the filter, like the console's lists: nothing is guessed. */
  @Get()
  async searchPage(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const context = await this.context(query.lang);
    const { filters, unknown } = await this.search.parse(query);
    if (unknown.length > 0) {
      return sendHtml(response, 400, renderPage(<BadFilterPage {...context} {...unknown[0]} />));
    }
    let outcome;
    try {
      outcome = await this.search.search(filters);
    } catch (error) {
      if (error instanceof UnknownPostalCodeError) {
        const page = <BadFilterPage {...context} field="postalCode" value={filters.postalCode ?? ''} />;
        return sendHtml(response, 400, renderPage(page));
      }
      throw error;
    }
    const page = (
      <SearchPage
        {...context}
        taxonomy={this.taxonomy.taxonomy}
        districts={await this.search.districtNames()}
        languages={this.search.languageCodes()}
        filters={filters}
        rows={outcome.rows}
        hasNext={outcome.hasNext}
      />
    );
    sendHtml(response, 200, renderPage(page));
  }

  @Get(':id')
  async opportunityPage(
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.context(lang);
    const opportunity = await this.search.published(id);
    if (!opportunity) {
      return sendHtml(response, 404, renderPage(<OpportunityNotFoundPage {...context} />));
    }
    const page = (
      <OpportunityPage
        {...context}
        taxonomy={this.taxonomy.taxonomy}
        opportunity={opportunity}
        state={emptyForm()}
      />
    );
    sendHtml(response, 200, renderPage(page));
  }

  /** Same answer (a redirect to the thank-you page) for a new and a registered address. */
  @Post(':id/interest')
  async submitInterest(
    @Param('id') id: string,
    @Body() body: PostedBody,
    @Ip() ip: string,
    @Res() response: Response,
  ): Promise<void> {
    const values = formValues(body);
    const context = await this.context(values.lang);
    const { t } = context;
    const opportunity = await this.search.published(id);
    if (!opportunity) {
      return sendHtml(response, 404, renderPage(<OpportunityNotFoundPage {...context} />));
    }
    const thanks = () => response.redirect(303, `/engagement/${opportunity.id}/thanks?lang=${t.locale}`);
    const again = (problems: FieldError[]) =>
      sendHtml(
        response,
        400,
        renderPage(
          <OpportunityPage
            {...context}
            taxonomy={this.taxonomy.taxonomy}
            opportunity={opportunity}
            state={{ values, problems }}
          />,
        ),
      );
    if (isHoneypotFilled(values.website)) {
      return thanks(); // a bot: the usual answer, nothing stored or sent
    }
    const read = await readForm(
      OpportunityInterestDto,
      {
        name: formText(values.name),
        email: formText(values.email)?.toLowerCase(),
        phone: formText(values.phone),
        postalCode: formText(values.postalCode),
        note: formText(values.note),
        consent: formCheckbox(values.consent),
      },
      t,
    );
    if (!read.ok) {
      return again(ownWords(read.problems, t));
    }
    try {
      await this.abuse.admit('volunteer', ip, read.dto.email);
      await this.interest.register(opportunity.id, read.dto, t.locale);
    } catch (error) {
      if (error instanceof TooManySubmissionsError) {
        const page = (
          <MessagePage
            {...context}
            path={`/engagement/${opportunity.id}`}
            title="public.tooMany.title"
            body="public.tooMany.body"
          />
        );
        return sendHtml(response, 429, renderPage(page));
      }
      if (error instanceof NotFoundError) {
        return sendHtml(response, 404, renderPage(<OpportunityNotFoundPage {...context} />));
      }
      const problems = domainProblems(error, INTEREST_SPEC, t);
      if (problems) {
        return again(problems);
      }
      throw error;
    }
    thanks();
  }

  @Get(':id/thanks')
  async thanksPage(
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const context = await this.context(lang);
    const opportunityId = /^[0-9a-f-]{36}$/i.test(id) ? id : '';
    sendHtml(response, 200, renderPage(<InterestThanksPage {...context} opportunityId={opportunityId} />));
  }

  private async context(lang: unknown): Promise<PageContext> {
    return { t: translator(pickLocale(lang, 'public'), 'public'), agency: await this.agencyProfile.get() };
  }
}

/** The form's own words for each field, in the order of the page (one problem per field). */
function ownWords(problems: FieldError[], t: PageContext['t']): FieldError[] {
  const seen = new Map<string, string>();
  for (const problem of problems) {
    const field = problem.field.split('.')[0];
    if (!seen.has(field)) {
      const own = INTEREST_MESSAGES[field];
      seen.set(field, own ? t.t(own) : problem.message);
    }
  }
  const rank = (field: string) => {
    const index = (INTEREST_ORDER as readonly string[]).indexOf(field);
    return index === -1 ? INTEREST_ORDER.length : index;
  };
  return [...seen.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, message]) => ({ field, message }));
}
