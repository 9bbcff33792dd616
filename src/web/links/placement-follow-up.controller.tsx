import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { MessageKey, Translator } from '../../i18n';
import { Opportunity } from '../../opportunities/opportunity.entity';
import {
  FOLLOW_UP_PROBLEM_MAX,
  FOLLOW_UP_SIDES,
  parseFollowUpAnswers,
  type FollowUpField,
  type FollowUpSide,
} from '../../placements/domain/follow-up-answers';
import { PlacementFollowUpsService } from '../../placements/placement-follow-ups.service';
import { Placement } from '../../placements/placement.entity';
import { Provider } from '../../providers/provider.entity';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { pagePath } from './link-locale';
import { LinkShell, MessagePage } from './link-shell';
import { sendMessagePage } from './send-message-page';
import { SignedLinkPages, type OpenedLink } from './signed-link-pages';

/** Stages at which the question still makes sense: running, or just ended by the other side's answer. */
const ANSWERABLE = new Set(['started', 'ended']);

type Checked =
  | Extract<OpenedLink<unknown>, { state: 'invalid' | 'revoked' }>
  | { state: 'expired' | 'not-applicable'; t: Translator }
  | {
      state: 'ok';
      t: Translator;
      placementId: string;
      side: FollowUpSide;
      opportunityTitle: string;
      otherName: string;
      answeredBefore: Date | null;
    };

const OPTION_LABEL: Record<string, MessageKey> = {
  'going.yes': 'placementLinks.going.yes',
  'going.partly': 'placementLinks.going.partly',
  'going.no': 'placementLinks.going.no',
  'active.yes': 'placementLinks.active.yes',
  'active.no': 'placementLinks.active.no',
};

const FIELD_ERROR: Record<string, MessageKey> = {
  'going:required': 'placementLinks.error.goingRequired',
  'going:invalid': 'placementLinks.error.goingRequired',
  'active:required': 'placementLinks.error.activeRequired',
  'active:invalid': 'placementLinks.error.activeRequired',
  'problem:too-long': 'placementLinks.error.problemTooLong',
  'problem:invalid': 'placementLinks.error.problemTooLong',
};

/**
 * The placement follow-up's answer page (docs/placements.md "Follow-up"): GET shows the three
 * questions, POST records the answer in the placement's timeline. Every answer adds one entry
 * (a second answer does not overwrite the first: staff see both, the newest counts on Heute).
 * No CSRF field: the signed token in the path is the credential, like the other link pages.
 */
@ApiExcludeController()
@Controller('placement-follow-ups')
export class PlacementFollowUpController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkPages,
    private readonly followUps: PlacementFollowUpsService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check(token, request);
    if (checked.state !== 'ok') {
      return this.refuse(request, response, checked);
    }
    const { t } = checked;
    sendHtml(response, 200, renderPage(await this.form(request, t, checked, {}, [])));
  }

  @Post(':token')
  async record(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check(token, request);
    if (checked.state !== 'ok') {
      return this.refuse(request, response, checked);
    }
    const { t } = checked;
    const parsed = parseFollowUpAnswers(body);
    if (!parsed.ok) {
      const values = posted(body);
      const errors = parsed.errors.map((error) => ({
        field: error.field,
        message: t.t(FIELD_ERROR[`${error.field}:${error.code}`] ?? 'placementLinks.error.goingRequired', {
          max: FOLLOW_UP_PROBLEM_MAX,
        }),
      }));
      return sendHtml(response, 400, renderPage(await this.form(request, t, checked, values, errors)));
    }
    const { ended } = await this.followUps.recordAnswer(checked.placementId, checked.side, parsed.answers);
    sendHtml(
      response,
      200,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('placementLinks.thanks.title')}
          body={t.t(ended ? 'placementLinks.thanks.ended' : 'placementLinks.thanks.body')}
        />,
      ),
    );
  }

  private async form(
    request: Request,
    t: Translator,
    checked: Extract<Checked, { state: 'ok' }>,
    values: Record<string, string | undefined>,
    errors: { field: FollowUpField; message: string }[],
  ) {
    const agency = await this.agencyProfile.get();
    const title = t.t('placementLinks.title');
    const errorOf = (field: FollowUpField) => errors.find((error) => error.field === field)?.message ?? null;
    const radios = (name: 'going' | 'active', options: readonly string[], legend: string) => {
      const error = errorOf(name);
      return (
        <fieldset aria-describedby={error ? `${name}-error` : undefined}>
          <legend>{legend}</legend>
          {error ? (
            <p id={`${name}-error`} class="error-message">
              {error}
            </p>
          ) : null}
          {options.map((option) => (
            <div key={option}>
              <input
                type="radio"
                name={name}
                id={`${name}-${option}`}
                value={option}
                checked={values[name] === option}
                required
              />{' '}
              <label for={`${name}-${option}`}>{t.t(OPTION_LABEL[`${name}.${option}`])}</label>
            </div>
          ))}
        </fieldset>
      );
    };
    const problemError = errorOf('problem');
    return (
      <LinkShell t={t} agency={agency} path={pagePath(request)} title={title}>
        <h1>{title}</h1>
        <p>
          {t.t(checked.side === 'volunteer' ? 'placementLinks.introVolunteer' : 'placementLinks.introHost', {
            opportunity: checked.opportunityTitle,
            name: checked.otherName,
          })}
        </p>
        {checked.answeredBefore ? <p class="note">{t.t('placementLinks.answeredBefore')}</p> : null}
        {errors.length > 0 ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{t.t('placementLinks.error.summary')}</p>
            <ul>
              {errors.map((error) => (
                <li key={error.field}>
                  <a href={`#${error.field === 'problem' ? 'problem' : `${error.field}-yes`}`}>
                    {error.message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action={pagePath(request)}>
          {radios('going', ['yes', 'partly', 'no'], t.t('placementLinks.going.legend'))}
          <p>
            <label for="problem">{t.t('placementLinks.problem.label')}</label>
            <br />
            <textarea
              id="problem"
              name="problem"
              rows={4}
              maxLength={FOLLOW_UP_PROBLEM_MAX}
              style="width: 100%"
              aria-invalid={problemError ? 'true' : undefined}
              aria-describedby={problemError ? 'problem-error' : undefined}
            >
              {values.problem ?? ''}
            </textarea>
            {problemError ? (
              <span id="problem-error" class="error-message">
                {problemError}
              </span>
            ) : null}
          </p>
          {radios('active', ['yes', 'no'], t.t('placementLinks.active.legend'))}
          <button type="submit">{t.t('placementLinks.send')}</button>
        </form>
        <p class="note">{t.t('placementLinks.note')}</p>
      </LinkShell>
    );
  }

  private async refuse(request: Request, response: Response, checked: Exclude<Checked, { state: 'ok' }>) {
    if (checked.state === 'invalid' || checked.state === 'revoked') {
      return this.links.refuse(request, response, checked);
    }
    const { t } = checked;
    const [status, title, body]: [number, MessageKey, MessageKey] =
      checked.state === 'expired'
        ? [410, 'placementLinks.expired.title', 'placementLinks.expired.body']
        : [409, 'placementLinks.notApplicable.title', 'placementLinks.notApplicable.body'];
    sendMessagePage(request, response, { status, t, agency: await this.agencyProfile.get(), title, body });
  }

  private async check(token: string, request: Request): Promise<Checked> {
    const opened = await this.links.open(
      request,
      { purpose: 'placement-follow-up', token, actions: FOLLOW_UP_SIDES, expired: 'keep' },
      (claims) => this.load(claims.subjectId, claims.action as FollowUpSide),
    );
    if (opened.state === 'invalid' || opened.state === 'revoked') {
      return opened;
    }
    const { t } = opened;
    if (opened.state === 'expired') {
      return { state: 'expired', t };
    }
    const { placement, side, volunteer, opportunity, provider } = opened.subject;
    if (!ANSWERABLE.has(placement.stage)) {
      return { state: 'not-applicable', t };
    }
    const [previous] = await this.dataSource.query<{ at: Date }[]>(
      `SELECT at FROM placement_event WHERE placement_id = $1 AND kind = 'follow-up-answer' AND actor = $2
        ORDER BY at DESC LIMIT 1`,
      [placement.id, side],
    );
    return {
      state: 'ok',
      t,
      placementId: placement.id,
      side,
      opportunityTitle: opportunity.title,
      otherName: side === 'volunteer' ? provider.name : (volunteer.name.trim().split(/\s+/)[0] ?? ''),
      answeredBefore: previous ? new Date(previous.at) : null,
    };
  }

  /** The placement asked about and the side's holder (the volunteer or the host's provider). */
  private async load(placementId: string, side: FollowUpSide) {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id: placementId });
    if (!placement || placement.followUpSentAt === null) {
      return null;
    }
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: placement.volunteerId });
    // An erased person's links lead nowhere, follow-ups included (also the host's: it names them).
    if (!volunteer || volunteer.erasedAt !== null) {
      return null;
    }
    const opportunity = await this.dataSource
      .getRepository(Opportunity)
      .findOneByOrFail({ id: placement.opportunityId });
    const provider = await this.dataSource
      .getRepository(Provider)
      .findOneByOrFail({ id: opportunity.providerId });
    return {
      subject: { placement, side, volunteer, opportunity, provider },
      holder: side === 'volunteer' ? volunteer : provider,
    };
  }
}

/** The form body as posted, strings only, to fill the form again after an error. */
function posted(body: unknown): Record<string, string | undefined> {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { going: text(fields.going), active: text(fields.active), problem: text(fields.problem) };
}
