import { RequestVolunteerAnswersCard } from './volunteer-life.page';
import type { RequestVolunteerAnswers } from '../volunteer-life.queries';
import { Fragment } from 'preact';
import type { HelpRequest } from '../../../help-seekers/help-request.entity';
import type { HelpSeeker } from '../../../help-seekers/help-seeker.entity';
import {
  CRITERIA,
  languageName,
  type ExclusionSummaryLine,
  type ScoreBreakdown,
} from '../../../matching/domain';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Translator } from '../../../i18n';
import { formatDateTime } from '../format';
import { requestWhen } from '../../shell/schedule-text';
import type { TimelineEntry } from '../request-timeline';
import { CaseSheetLink } from './case-sheet-link';
import {
  ActionButton,
  codeLabel,
  ConsoleLayout,
  CsrfField,
  InputField,
  localized,
  TextareaField,
  type ConsoleView,
} from '../view';
import { HelpSeekerRights } from './help-seeker-rights';
import { RequestEditPanel } from './request-edit.page';
import { EnginePanel, type EnginePanelData } from './engine-panel';
import {
  closeTimelineText,
  RequestCloseCard,
  type CloseCardMatch,
  type CloseCardRequest,
} from './request-close';
import type { Labels } from './labels';

export interface CandidateRow {
  id: string;
  rank: number;
  score: number;
  distanceKm: number;
  status: string;
  breakdown: ScoreBreakdown;
  volunteer: { id: string; name: string; district: string | null } | null;
  followUpOutcome?: CloseCardMatch['followUpOutcome'];
  followUpAt?: CloseCardMatch['followUpAt'];
}

export interface RequestPageData {
  request: Pick<
    HelpRequest,
    | 'id'
    | 'category'
    | 'description'
    | 'schedule'
    | 'status'
    | 'urgency'
    | 'source'
    | 'district'
    | 'postalCode'
    | 'streetAddress'
  > &
    Partial<Pick<HelpRequest, 'startsAt' | 'createdAt'>> &
    CloseCardRequest;
  helpSeeker: Pick<
    HelpSeeker,
    'id' | 'name' | 'phone' | 'email' | 'streetAddress' | 'preferredContact' | 'preferredLanguage'
  > | null;
  provider: { name: string; contactPerson: string } | null;
  consents: { purpose: string; mode: string; givenAt: Date; recordedBy: string | null }[];
  exclusionSummary: ExclusionSummaryLine[];
  matches: CandidateRow[];
  timeline: TimelineEntry[];
  /** "Ask someone else": who staff looked up, and whether each could be proposed. */
  pickOther?: { query: string; results: PickOtherResult[] };
  /** Overrides, placements agreed by phone, no-shows, blocks (engine-panel.tsx). */
  engine?: EnginePanelData;
  volunteerAnswers?: RequestVolunteerAnswers;
}

export interface PickOtherResult {
  id: string;
  name: string;
  district: string | null;
  verdict: { eligible: true; score: number } | { eligible: false; explanation: LocalizedText };
}

/** A matching criterion ("distance") in words. */
export const criterionLabel = (t: Translator, criterion: string): string =>
  t.dynamic(`console.criterion.${criterion}`) ?? criterion;

const points = (t: Translator, value: number): string =>
  t.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** One line of the timeline in words: codes become catalogue texts, never shown raw. */
export function timelineText(t: Translator, entry: TimelineEntry): string {
  const event = entry.event;
  switch (event.kind) {
    case 'audit': {
      const action = t.dynamic(`console.timeline.audit.${event.action}`) ?? t.t('console.timeline.other');
      return event.volunteer
        ? t.t('console.timeline.withVolunteer', { action, volunteer: event.volunteer })
        : action;
    }
    case 'proposed':
      return t.t('console.timeline.proposed', { volunteer: event.volunteer, score: points(t, event.score) });
    case 'offered':
      return t.t('console.timeline.offered', { volunteer: event.volunteer });
    case 'answer':
      return event.answer === 'accepted'
        ? t.t('console.timeline.accepted', { volunteer: event.volunteer })
        : event.answer === 'declined'
          ? t.t('console.timeline.declined', { volunteer: event.volunteer })
          : t.t('console.timeline.expired', { volunteer: event.volunteer });
    case 'mail':
      return t.t('console.timeline.mail', {
        kind: codeLabel(t, event.mailKind),
        recipient: event.recipient,
        status: codeLabel(t, event.status),
      });
    case 'note':
      return t.t('console.timeline.note', { body: event.body });
    default:
      return closeTimelineText(t, event);
  }
}

function PickOther({ view, data }: { view: ConsoleView; data: RequestPageData }) {
  const { t } = view;
  const { request } = data;
  const open = ['open', 'proposals-ready'].includes(request.status);
  return (
    <>
      <form
        method="get"
        action={`/console/requests/${request.id}`}
        role="search"
        aria-label={t.t('console.request.explain')}
      >
        <div class="row">
          <InputField
            label={t.t('console.request.explainEmail')}
            name="volunteer"
            type="search"
            value={data.pickOther?.query ?? ''}
          />
        </div>
        <p>
          <button type="submit" class="secondary">
            {t.t('console.request.explainSubmit')}
          </button>
        </p>
      </form>
      {data.pickOther ? (
        data.pickOther.results.length === 0 ? (
          <p>{t.t('console.request.noneFound')}</p>
        ) : (
          <ul class="items" id="pick-results">
            {data.pickOther.results.map((result) => (
              <li key={result.id}>
                <span>
                  <a href={`/console/volunteers/${result.id}`}>{result.name}</a>{' '}
                  <span class="muted">{result.district ?? ''}</span>
                  <br />
                  {result.verdict.eligible
                    ? `${t.t('console.request.eligible')}: ${points(t, result.verdict.score)} ${t.t('console.request.points')}`
                    : `${t.t('console.request.notEligible')}: ${localized(t, result.verdict.explanation)}`}
                </span>
                {result.verdict.eligible && open ? (
                  <ActionButton
                    view={view}
                    action={`/console/requests/${request.id}/propose`}
                    label={t.t('console.request.propose')}
                    hidden={{ volunteerId: result.id }}
                    ariaLabel={`${t.t('console.request.propose')}: ${result.name}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

function Breakdown({ t, match }: { t: Translator; match: CandidateRow }) {
  return (
    <details>
      <summary>{t.t('console.request.reason')}</summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.t('console.request.criterion')}</th>
              <th scope="col">{t.t('console.request.points')}</th>
              <th scope="col">{t.t('console.request.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {CRITERIA.map((criterion) => {
              const score = match.breakdown[criterion];
              return score ? (
                <tr key={criterion}>
                  <th scope="row">{criterionLabel(t, criterion)}</th>
                  <td>{score.applicable ? points(t, score.points) : '–'}</td>
                  <td>{localized(t, score.explanation)}</td>
                </tr>
              ) : null;
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Candidates({ view, data }: { view: ConsoleView; data: RequestPageData }) {
  const { t } = view;
  if (data.matches.length === 0) {
    return <p class="muted">{t.t('console.request.noCandidates')}</p>;
  }
  const offerOpen = data.matches.some((match) => ['approved', 'offered', 'accepted'].includes(match.status));
  return (
    <div class="table-wrap">
      <table id="candidates">
        <thead>
          <tr>
            <th scope="col">{t.t('console.request.rank')}</th>
            <th scope="col">{t.t('console.common.name')}</th>
            <th scope="col">{t.t('console.request.score')}</th>
            <th scope="col">{t.t('console.common.status')}</th>
            <th scope="col">{t.t('console.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.matches.map((match) => {
            const name = match.volunteer?.name ?? '?';
            return (
              <tr key={match.id} data-match={match.id} data-status={match.status}>
                <td>{t.number(match.rank)}</td>
                <td>
                  {match.volunteer ? (
                    <>
                      <a href={`/console/volunteers/${match.volunteer.id}`}>{name}</a>
                      <br />
                      <span class="muted">
                        {match.volunteer.district ?? ''}, {points(t, match.distanceKm)} km
                      </span>
                    </>
                  ) : (
                    '?'
                  )}
                  <Breakdown t={t} match={match} />
                </td>
                <td>{points(t, match.score)}</td>
                <td>{codeLabel(t, match.status)}</td>
                <td>
                  {match.status === 'proposed' ? (
                    <div class="actions">
                      {offerOpen ? null : (
                        <ActionButton
                          view={view}
                          action={`/console/matches/${match.id}/approve`}
                          label={t.t('console.request.approve')}
                          ariaLabel={`${t.t('console.request.approve')}: ${name}`}
                        />
                      )}
                      <ActionButton
                        view={view}
                        action={`/console/matches/${match.id}/reject`}
                        label={t.t('console.request.reject')}
                        className="danger"
                        ariaLabel={`${t.t('console.request.reject')}: ${name}`}
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A language code in the reader's words ("Deutsch"); a code the list lacks stays as stored. */
function languageWords(t: Translator, code: string): string {
  const name = languageName(code);
  return name ? localized(t, name) : code;
}

export function RequestPage(props: {
  view: ConsoleView;
  labels: Labels;
  data: RequestPageData;
  notice?: string | null;
}) {
  const { view, labels, data } = props;
  const { t } = view;
  const { request, helpSeeker, provider } = data;
  return (
    <ConsoleLayout
      view={view}
      title={`${t.t('console.request.title')}: ${labels.category(request.category)}, ${request.district ?? ''}`}
      active="today"
      notice={props.notice}
    >
      <CaseSheetLink view={view} requestId={request.id} />
      <div class="grid">
        <section class="card" aria-labelledby="h-facts">
          <h2 id="h-facts">{t.t('console.request.title')}</h2>
          <dl>
            <dt>{t.t('console.request.status')}</dt>
            <dd id="request-status">{codeLabel(t, request.status)}</dd>
            <dt>{t.t('console.request.category')}</dt>
            <dd>{labels.category(request.category)}</dd>
            <dt>{t.t('console.request.description')}</dt>
            <dd>{request.description}</dd>
            <dt>{t.t('console.request.when')}</dt>
            <dd>{requestWhen(t, request)}</dd>
            <dt>{t.t('console.request.where')}</dt>
            <dd>
              {request.postalCode} {request.district ?? ''}
              {request.streetAddress ? `, ${request.streetAddress}` : ''}
            </dd>
            <dt>{t.t('console.request.urgency')}</dt>
            <dd>{codeLabel(t, request.urgency)}</dd>
            <dt>{t.t('console.request.source')}</dt>
            <dd>{codeLabel(t, request.source)}</dd>
          </dl>
        </section>
        {helpSeeker ? (
          <section class="card" aria-labelledby="h-person">
            <h2 id="h-person">{t.t('console.request.helpSeeker')}</h2>
            <dl>
              <dt>{t.t('console.common.name')}</dt>
              <dd>{helpSeeker.name}</dd>
              <dt>{t.t('console.request.contact')}</dt>
              <dd>
                {[helpSeeker.phone, helpSeeker.email, helpSeeker.streetAddress]
                  .filter((value): value is string => Boolean(value))
                  .map((value, index) => (
                    <Fragment key={index}>
                      {value}
                      <br />
                    </Fragment>
                  ))}
                <span class="muted">
                  {t.t('console.intake.preferredContact')}: {codeLabel(t, helpSeeker.preferredContact)},{' '}
                  {languageWords(t, helpSeeker.preferredLanguage)}
                </span>
              </dd>
              <dt>{t.t('console.request.consent')}</dt>
              <dd>
                {data.consents.length === 0
                  ? '–'
                  : data.consents.map((consent, index) => (
                      <Fragment key={index}>
                        {index > 0 ? <br /> : null}
                        {codeLabel(t, consent.purpose)}:{' '}
                        {consent.mode === 'oral'
                          ? `${t.t('console.request.consentBy')} ${consent.recordedBy ?? '?'}`
                          : codeLabel(t, consent.mode)}
                        , {formatDateTime(consent.givenAt, t)}
                      </Fragment>
                    ))}
              </dd>
            </dl>
          </section>
        ) : null}
        <RequestEditPanel view={view} labels={labels} request={request} helpSeeker={helpSeeker} />
        {!helpSeeker && provider ? (
          <section class="card">
            <h2>{t.t('console.request.provider')}</h2>
            <p>
              {provider.name} ({provider.contactPerson})
            </p>
          </section>
        ) : null}
      </div>
      <RequestVolunteerAnswersCard view={view} data={data.volunteerAnswers} />
      {data.exclusionSummary.length > 0 && !data.matches.some((match) => match.status === 'proposed') ? (
        <section class="card" aria-labelledby="h-excl">
          <h2 id="h-excl">{t.t('console.request.exclusions')}</h2>
          <ul>
            {data.exclusionSummary.map((line, index) => (
              <li key={index}>{localized(t, line.text)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="card" aria-labelledby="h-cand">
        <h2 id="h-cand">{t.t('console.request.candidates')}</h2>
        <Candidates view={view} data={data} />
        <p>
          {request.status === 'in-review' ? (
            <ActionButton
              view={view}
              action={`/console/requests/${request.id}/release`}
              label={t.t('console.request.release')}
            />
          ) : ['open', 'proposals-ready'].includes(request.status) ? (
            <ActionButton
              view={view}
              action={`/console/requests/${request.id}/rematch`}
              label={t.t('console.request.rematch')}
              className="secondary"
            />
          ) : null}
        </p>
      </section>
      <RequestCloseCard view={view} request={request} matches={data.matches} />
      <section class="card" aria-labelledby="h-pick">
        <h2 id="h-pick">{t.t('console.request.explain')}</h2>
        <PickOther view={view} data={data} />
      </section>
      <EnginePanel view={view} data={data.engine} />
      <div class="grid">
        <section class="card" aria-labelledby="h-time">
          <h2 id="h-time">{t.t('console.request.timeline')}</h2>
          <ol class="items" id="timeline">
            {data.timeline.map((entry, index) => (
              <li key={index}>
                <span>
                  {timelineText(t, entry)}
                  {entry.by ? (
                    <>
                      {' '}
                      <span class="muted">
                        ({t.t('console.common.by')} {entry.by})
                      </span>
                    </>
                  ) : null}
                </span>
                <span class="waited">{formatDateTime(entry.at, t)}</span>
              </li>
            ))}
          </ol>
        </section>
        <section class="card" aria-labelledby="h-note">
          <h2 id="h-note">{t.t('console.request.note')}</h2>
          <form method="post" action={`/console/requests/${request.id}/notes`}>
            <CsrfField view={view} />
            <TextareaField
              label={t.t('console.request.note')}
              name="body"
              required
              attrs={{ maxlength: 2000 }}
            />
            <p>
              <button type="submit" class="secondary">
                {t.t('console.request.addNote')}
              </button>
            </p>
          </form>
        </section>
      </div>
      {/* Rarely needed, and irreversible: below the daily work, not between the facts and the proposals. */}
      {helpSeeker ? (
        <div class="grid">
          <HelpSeekerRights
            view={view}
            requestId={request.id}
            helpSeekerId={helpSeeker.id}
            purposes={data.consents.map((consent) => consent.purpose)}
          />
        </div>
      ) : null}
    </ConsoleLayout>
  );
}
