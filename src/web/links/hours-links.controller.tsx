import { sendMessagePage } from './send-message-page';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import { RequestValidationError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import {
  checkHourInput,
  parseTarget,
  proofPeriod,
  targetValue,
  type HourProblemCode,
} from '../../hours/domain/hour-rules';
import { HoursService, type HourEntryRow, type HourTargetRow } from '../../hours/hours.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { berlinDateOf } from '../../shared/berlin-time';
import { DomainError } from '../../shared/domain-error';
import { SELF_SERVICE_SCOPES, type SelfServiceScope } from '../../shared/signed-links';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { EngagementProofPage } from '../letters/engagement-proof';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { HoursPage, type HoursPageView } from './hours-page';
import { pagePath } from './link-locale';
import { SignedLinkPages } from './signed-link-pages';

const PROBLEM_KEYS = {
  'date-invalid': 'proof.error.date-invalid',
  'date-future': 'proof.error.date-future',
  'date-too-old': 'proof.error.date-too-old',
  'minutes-invalid': 'proof.error.minutes-invalid',
  'activity-too-long': 'proof.error.activity-too-long',
  'target-invalid': 'proof.error.target-invalid',
} as const satisfies Record<HourProblemCode, MessageKey>;

interface Holder {
  volunteer: Volunteer;
  scope: SelfServiceScope;
  t: Translator;
}

/** Duration from the form's hours and minutes fields; null when neither is a plain number. */
export function durationOf(body: Record<string, unknown>): number | null {
  const part = (value: unknown, max: number): number | null | undefined => {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      return undefined;
    }
    return typeof value === 'string' && /^\d{1,4}$/.test(value.trim()) && Number(value) <= max
      ? Number(value)
      : null;
  };
  const hours = part(body.hours, 24);
  const minutes = part(body.minutes, 1440);
  if (hours === null || minutes === null || (hours === undefined && minutes === undefined)) {
    return null;
  }
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * "Meine Stunden" behind the volunteer's self-service link (/preferences/<token>/hours). Both
 * scopes may log hours, use "wie immer" and see their approved totals (it is their own time, and
 * entries wait for staff); the entries list and the Engagementnachweis need the account scope,
 * like the other personal details. A link only ever reaches its own volunteer's hours.
 */
@ApiExcludeController()
@Controller('preferences/:token/hours')
export class HoursLinksController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkPages,
    private readonly hours: HoursService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get()
  async show(
    @Param('token') token: string,
    @Query('done') done: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const holder = await this.check(token, request, response);
    if (holder) {
      const notice = done === 'saved' ? 'saved' : done === 'as-usual' ? 'as-usual' : null;
      sendHtml(response, 200, await this.page(holder, token, request, notice));
    }
  }

  @Post()
  async log(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const holder = await this.check(token, request, response);
    if (!holder) {
      return;
    }
    const values = body ?? {};
    const raw = {
      workedOn: values.workedOn,
      minutes: durationOf(values),
      activity: typeof values.activity === 'string' ? values.activity : undefined,
      target: values.target,
    };
    const check = checkHourInput(raw, berlinDateOf(new Date()));
    if (!check.ok) {
      return this.again(
        holder,
        token,
        request,
        response,
        values,
        check.problems.map((problem) => ({
          field: problem.field,
          message: holder.t.t(PROBLEM_KEYS[problem.code]),
        })),
      );
    }
    try {
      await this.hours.log(holder.volunteer.id, raw, null);
    } catch (error) {
      if (error instanceof RequestValidationError) {
        return this.again(holder, token, request, response, values, [
          { field: 'target', message: holder.t.t('proof.error.target-invalid') },
        ]);
      }
      throw error;
    }
    response.redirect(
      303,
      `/preferences/${encodeURIComponent(token)}/hours?done=saved&lang=${holder.t.locale}`,
    );
  }

  @Post('as-usual')
  async asUsual(
    @Param('token') token: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const holder = await this.check(token, request, response);
    if (!holder) {
      return;
    }
    const target = parseTarget(body?.target);
    try {
      if (!target || target.kind === 'general') {
        throw new DomainError('as-usual-unavailable', 'no such weekly help', 'target');
      }
      await this.hours.asUsual(holder.volunteer.id, target);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'as-usual-unavailable') {
        return this.again(holder, token, request, response, {}, [
          { field: 'target', message: holder.t.t('proof.error.as-usual-unavailable') },
        ]);
      }
      throw error;
    }
    response.redirect(
      303,
      `/preferences/${encodeURIComponent(token)}/hours?done=as-usual&lang=${holder.t.locale}`,
    );
  }

  /** The Engagementnachweis for a year (or from/to), in the reader's language; account scope only. */
  @Get('proof')
  async proof(
    @Param('token') token: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const holder = await this.check(token, request, response, 'account');
    if (!holder) {
      return;
    }
    const today = berlinDateOf(new Date());
    const period = proofPeriod({ year: query.year, from: query.from, to: query.to }, today);
    if (!period) {
      return this.message(request, response, 400, holder.t, 'proof.doc.title', 'proof.error.period');
    }
    const proof = await this.hours.proof(holder.volunteer.id, period, null);
    sendHtml(
      response,
      200,
      renderPage(
        <EngagementProofPage
          t={holder.t}
          agency={await this.agencyProfile.get()}
          proof={proof}
          categoryLabel={(key) => this.taxonomy.label('categories', key, holder.t)}
          today={today}
          backHref={`/preferences/${encodeURIComponent(token)}/hours?lang=${holder.t.locale}`}
        />,
      ),
    );
  }

  /** The link's volunteer and scope, or the refusal page sent (invalid, revoked, wrong scope). */
  private async check(
    token: string,
    request: Request,
    response: Response,
    needs?: 'account',
  ): Promise<Holder | null> {
    const opened = await this.links.open(
      request,
      { purpose: 'preferences', token, actions: SELF_SERVICE_SCOPES },
      async (claims) => {
        const volunteer = await this.dataSource.getRepository(Volunteer).findOneBy({ id: claims.subjectId });
        return volunteer && volunteer.erasedAt === null ? { subject: volunteer, holder: volunteer } : null;
      },
    );
    if (opened.state !== 'open') {
      await this.links.refuse(request, response, opened);
      return null;
    }
    const { subject: volunteer, t } = opened;
    const scope = opened.claims.action as SelfServiceScope;
    if (needs === 'account' && scope !== 'account') {
      await this.links.refuseScope(request, response, t, token);
      return null;
    }
    return { volunteer, scope, t };
  }

  private async again(
    holder: Holder,
    token: string,
    request: Request,
    response: Response,
    values: Record<string, unknown>,
    problems: FieldError[],
  ): Promise<void> {
    sendHtml(response, 400, await this.page(holder, token, request, null, { values, problems }));
  }

  private targetLabel(
    row: Pick<HourTargetRow, 'target' | 'category' | 'district' | 'opportunityTitle' | 'hostName'>,
    t: Translator,
  ): string {
    if (row.target.kind === 'general') {
      return t.t('proof.target.general');
    }
    if (row.target.kind === 'placement') {
      return t.t('proof.target.placement', { title: row.opportunityTitle ?? '', host: row.hostName ?? '' });
    }
    const category = this.taxonomy.label('categories', row.category ?? '', t);
    return row.district
      ? t.t('proof.target.matchIn', { category, district: row.district })
      : t.t('proof.target.match', { category });
  }

  private entryLabel(entry: HourEntryRow, t: Translator): string {
    return this.targetLabel(
      {
        target: entry.matchId
          ? { kind: 'match', id: entry.matchId }
          : entry.placementId
            ? { kind: 'placement', id: entry.placementId }
            : { kind: 'general' },
        category: entry.category,
        district: null,
        opportunityTitle: entry.opportunityTitle,
        hostName: entry.hostName,
      },
      t,
    );
  }

  private async page(
    { volunteer, scope, t }: Holder,
    token: string,
    request: Request,
    notice: HoursPageView['notice'],
    posted?: HoursPageView['posted'],
  ): Promise<string> {
    const targets = await this.hours.targets(volunteer.id);
    const labelOf = new Map(targets.map((row) => [targetValue(row.target), this.targetLabel(row, t)]));
    const offers = await this.hours.asUsualOffers(volunteer.id);
    const entries =
      scope === 'account' ? await this.hours.list({ volunteerId: volunteer.id, limit: 200 }) : [];
    return renderPage(
      <HoursPage
        t={t}
        agency={await this.agencyProfile.get()}
        path={pagePath(request)}
        base={`/preferences/${encodeURIComponent(token)}/hours`}
        scope={scope}
        today={berlinDateOf(new Date())}
        targets={targets.map((row) => ({
          value: targetValue(row.target),
          label: labelOf.get(targetValue(row.target)) ?? '',
        }))}
        asUsual={offers.map((offer) => ({
          target: targetValue(offer.target),
          label: labelOf.get(targetValue(offer.target)) ?? '',
          workedOn: offer.workedOn,
          minutes: offer.minutes,
          done: offer.done,
        }))}
        summary={await this.hours.summary(volunteer.id)}
        entries={entries.map((entry) => ({ ...entry, label: this.entryLabel(entry, t) }))}
        notice={notice}
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
}
