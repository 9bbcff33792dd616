import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import {
  OPEN_STAGES,
  PLACEMENT_END_REASONS,
  checkStageMove,
  type PlacementStage,
} from '../../../placements/domain/placement-stage';
import type { PlacementSummary, PlacementTimelineEntry } from '../../../placements/placements.service';
import { formatCalendarDate, formatDateTime } from '../format';
import {
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  SelectField,
  TextareaField,
  type Choice,
  type ConsoleView,
} from '../view';

const STAGE_LABEL: Record<PlacementStage, MessageKey> = {
  interested: 'placements.stage.interested',
  advised: 'placements.stage.advised',
  proposed: 'placements.stage.proposed',
  'host-contacted': 'placements.stage.host-contacted',
  trial: 'placements.stage.trial',
  started: 'placements.stage.started',
  ended: 'placements.stage.ended',
  declined: 'placements.stage.declined',
};

const REASON_LABEL: Record<(typeof PLACEMENT_END_REASONS)[number], MessageKey> = {
  'volunteer-changed-mind': 'placements.reason.volunteer-changed-mind',
  'host-declined': 'placements.reason.host-declined',
  'no-answer': 'placements.reason.no-answer',
  'moved-away': 'placements.reason.moved-away',
  'no-time': 'placements.reason.no-time',
  health: 'placements.reason.health',
  completed: 'placements.reason.completed',
  conflict: 'placements.reason.conflict',
  'not-suitable': 'placements.reason.not-suitable',
  other: 'placements.reason.other',
};

const ACTOR_LABEL: Record<string, MessageKey> = {
  staff: 'placements.actor.staff',
  host: 'placements.actor.host',
  volunteer: 'placements.actor.volunteer',
  system: 'placements.actor.system',
};

const ANSWER_LABEL: Record<string, MessageKey> = {
  good: 'placements.answer.good',
  problem: 'placements.answer.problem',
  inactive: 'placements.answer.inactive',
};

export const stageLabel = (t: Translator, stage: string): string =>
  STAGE_LABEL[stage as PlacementStage] ? t.t(STAGE_LABEL[stage as PlacementStage]) : stage;
export const reasonLabel = (t: Translator, reason: string): string =>
  REASON_LABEL[reason as keyof typeof REASON_LABEL]
    ? t.t(REASON_LABEL[reason as keyof typeof REASON_LABEL])
    : reason;

const reasonChoices = (t: Translator): Choice[] =>
  PLACEMENT_END_REASONS.map((reason) => ({ value: reason, label: t.t(REASON_LABEL[reason]) }));

export const PLACEMENT_CSS = `
  .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .75rem; align-items: start; }
  .board section { background: #eef1f5; border-radius: .5rem; padding: .5rem; }
  .board h2 { font-size: 1rem; margin: .25rem 0 .5rem; }
  .board ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
  .placement-card { background: #fff; border: 1px solid #c9d1da; border-radius: .4rem; padding: .5rem .6rem; }
  .placement-card a { font-weight: 600; }
  .placement-card.stuck { border-left: .35rem solid #b00020; }
  .stuck-mark { color: #b00020; font-weight: 600; }
  .timeline { list-style: none; padding: 0; }
  .timeline li { border-left: 3px solid #c9d1da; padding: .25rem .75rem; margin-bottom: .5rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; }
`;

export interface BoardFilters {
  opportunityId?: string;
  providerId?: string;
  adviserId?: string;
  stuck?: boolean;
}

/** The placement board: a column per open stage, a card per placement with its waiting time. */
export function PlacementBoardPage(props: {
  view: ConsoleView;
  placements: PlacementSummary[];
  filters: BoardFilters;
  opportunities: Choice[];
  providers: Choice[];
  advisers: Choice[];
  problems: FieldError[];
}) {
  const { view, placements, filters } = props;
  const { t } = view;
  const any = { value: '', label: t.t('placements.board.any') };
  return (
    <ConsoleLayout view={view} title={t.t('placements.board.title')} active="placements" css={PLACEMENT_CSS}>
      <FormErrors view={view} problems={props.problems} />
      <p class="muted">{t.t('placements.board.intro')}</p>
      <form
        method="get"
        action="/console/placements"
        class="row card"
        aria-label={t.t('placements.board.filters')}
      >
        <SelectField
          label={t.t('placements.board.opportunity')}
          name="opportunity"
          value={filters.opportunityId ?? ''}
          choices={[any, ...props.opportunities]}
        />
        <SelectField
          label={t.t('placements.board.provider')}
          name="provider"
          value={filters.providerId ?? ''}
          choices={[any, ...props.providers]}
        />
        <SelectField
          label={t.t('placements.board.adviser')}
          name="adviser"
          value={filters.adviserId ?? ''}
          choices={[any, ...props.advisers]}
        />
        <div>
          <label class="inline">
            <input type="checkbox" name="stuck" value="1" checked={filters.stuck === true} />{' '}
            {t.t('placements.board.onlyStuck')}
          </label>
          <p>
            <button type="submit" class="secondary">
              {t.t('placements.board.show')}
            </button>
          </p>
        </div>
      </form>
      <p role="status">{t.t('placements.board.count', { count: placements.length })}</p>
      <div class="board">
        {OPEN_STAGES.map((stage) => {
          const cards = placements.filter((placement) => placement.stage === stage);
          return (
            <section key={stage} aria-labelledby={`stage-${stage}`}>
              <h2 id={`stage-${stage}`}>
                {t.t(STAGE_LABEL[stage])} ({cards.length})
              </h2>
              {cards.length === 0 ? (
                <p class="muted">{t.t('placements.board.empty')}</p>
              ) : (
                <ol>
                  {cards.map((card) => (
                    <li key={card.id} class={card.stuck ? 'placement-card stuck' : 'placement-card'}>
                      <a href={`/console/placements/${card.id}`}>{card.volunteerName}</a>
                      <div>{card.opportunityTitle}</div>
                      <div class="muted">{card.providerName}</div>
                      <div>
                        {t.t('placements.board.days', { days: card.daysAtStage })}
                        {card.stuck ? (
                          <strong class="stuck-mark"> · {t.t('placements.board.stuck')}</strong>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </ConsoleLayout>
  );
}

/** The three follow-up answers in words (docs/placements.md "Follow-up"); the problem text is the entry's note. */
function FollowUpAnswerDetails({ t, details }: { t: Translator; details: Record<string, unknown> }) {
  const going = typeof details.going === 'string' ? FOLLOW_UP_GOING_LABEL[details.going] : undefined;
  const active = typeof details.active === 'string' ? FOLLOW_UP_ACTIVE_LABEL[details.active] : undefined;
  if (!going || !active) {
    return null;
  }
  return (
    <>
      {' · '}
      <span class="follow-up-answers">
        {t.t('console.placementFollowUp.timeline', { going: t.t(going), active: t.t(active) })}
      </span>
    </>
  );
}

const FOLLOW_UP_GOING_LABEL: Record<string, MessageKey> = {
  yes: 'console.placementFollowUp.going.yes',
  partly: 'console.placementFollowUp.going.partly',
  no: 'console.placementFollowUp.going.no',
};
const FOLLOW_UP_ACTIVE_LABEL: Record<string, MessageKey> = {
  yes: 'console.placementFollowUp.active.yes',
  no: 'console.placementFollowUp.active.no',
};

function TimelineText({ t, entry }: { t: Translator; entry: PlacementTimelineEntry }) {
  if (entry.kind === 'stage') {
    return (
      <>
        {entry.fromStage
          ? t.t('placements.timeline.moved', {
              from: stageLabel(t, entry.fromStage),
              to: stageLabel(t, entry.toStage ?? ''),
            })
          : t.t('placements.timeline.opened', { stage: stageLabel(t, entry.toStage ?? '') })}
        {entry.reason ? ` · ${reasonLabel(t, entry.reason)}` : null}
      </>
    );
  }
  if (entry.kind === 'follow-up-answer') {
    const answer = typeof entry.details.answer === 'string' ? entry.details.answer : '';
    return (
      <>
        {t.t('placements.timeline.followUp', {
          answer: ANSWER_LABEL[answer] ? t.t(ANSWER_LABEL[answer]) : answer,
        })}
        <FollowUpAnswerDetails t={t} details={entry.details} />
      </>
    );
  }
  return <>{entry.kind === 'note' ? t.t('placements.timeline.note') : t.t('placements.timeline.reminder')}</>;
}

/** One placement: who, where, its stage, its timeline, and the forms to move it on or note something. */
export function PlacementPage(props: {
  view: ConsoleView;
  placement: PlacementSummary;
  timeline: PlacementTimelineEntry[];
  problems: FieldError[];
  notice?: string | null;
  values?: Record<string, string | undefined>;
}) {
  const { view, placement } = props;
  const { t } = view;
  const values = props.values ?? {};
  const open = placement.stage !== 'ended' && placement.stage !== 'declined';
  const forward = OPEN_STAGES.filter((stage) => checkStageMove(placement.stage, stage, 'staff').ok);
  const canDecline = checkStageMove(placement.stage, 'declined', 'staff').ok;
  const canEnd = checkStageMove(placement.stage, 'ended', 'staff').ok;
  const action = `/console/placements/${placement.id}`;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('placements.detail.title', {
        volunteer: placement.volunteerName,
        opportunity: placement.opportunityTitle,
      })}
      active="placements"
      notice={props.notice}
      css={PLACEMENT_CSS}
    >
      <FormErrors
        view={view}
        problems={props.problems}
        labels={{
          reason: t.t('placements.detail.reason'),
          note: t.t('placements.detail.note'),
          stage: t.t('placements.detail.stage'),
        }}
      />
      <section class="card">
        <dl class="facts">
          <dt>{t.t('placements.detail.volunteer')}</dt>
          <dd>
            <a href={`/console/volunteers/${placement.volunteerId}`}>{placement.volunteerName}</a>
          </dd>
          <dt>{t.t('placements.detail.opportunity')}</dt>
          <dd>{placement.opportunityTitle}</dd>
          <dt>{t.t('placements.detail.host')}</dt>
          <dd>{placement.providerName}</dd>
          <dt>{t.t('placements.detail.stage')}</dt>
          <dd>
            <strong id="placement-stage">{stageLabel(t, placement.stage)}</strong>
            {open ? ` · ${t.t('placements.board.days', { days: placement.daysAtStage })}` : null}
            {placement.endReason ? ` · ${reasonLabel(t, placement.endReason)}` : null}
          </dd>
          {placement.startedOn ? (
            <>
              <dt>{t.t('placements.detail.startedOn')}</dt>
              <dd>{formatCalendarDate(placement.startedOn, t)}</dd>
            </>
          ) : null}
          {placement.followUpDueAt ? (
            <>
              <dt>
                {placement.followUpSentAt
                  ? t.t('placements.detail.followUpSent')
                  : t.t('placements.detail.followUp')}
              </dt>
              <dd>{formatDateTime(placement.followUpSentAt ?? placement.followUpDueAt, t)}</dd>
            </>
          ) : null}
          {placement.advisoryInterviewId ? (
            <>
              <dt>{t.t('placements.detail.interview')}</dt>
              <dd>
                <a
                  href={`/console/volunteers/${placement.volunteerId}#interview-${placement.advisoryInterviewId}`}
                >
                  {placement.advisoryInterviewOn
                    ? t.t('console.interview.backToInterview', {
                        date: formatCalendarDate(placement.advisoryInterviewOn, t),
                      })
                    : placement.advisoryInterviewId.slice(0, 8)}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {open ? (
        <div class="row">
          {forward.length > 0 ? (
            <form method="post" action={`${action}/stage`} class="card">
              <CsrfField view={view} />
              <SelectField
                label={t.t('placements.detail.moveTo')}
                name="stage"
                value={values.stage ?? forward[0]}
                choices={forward.map((stage) => ({ value: stage, label: t.t(STAGE_LABEL[stage]) }))}
                problems={props.problems}
              />
              <p>
                <button type="submit">{t.t('placements.detail.move')}</button>
              </p>
            </form>
          ) : null}
          {canDecline || canEnd ? (
            <form method="post" action={`${action}/stage`} class="card">
              <CsrfField view={view} />
              <input type="hidden" name="stage" value={canEnd ? 'ended' : 'declined'} />
              <SelectField
                label={t.t('placements.detail.reason')}
                name="reason"
                value={values.reason ?? ''}
                choices={[{ value: '', label: '–' }, ...reasonChoices(t)]}
                problems={props.problems}
              />
              <TextareaField
                label={t.t('placements.detail.note')}
                name="note"
                value={values.note}
                problems={props.problems}
                attrs={{ maxlength: 2000 }}
              />
              <p>
                <button type="submit" class="secondary">
                  {canEnd ? t.t('placements.detail.end') : t.t('placements.detail.decline')}
                </button>
              </p>
            </form>
          ) : null}
        </div>
      ) : (
        <p class="muted">{t.t('placements.detail.closed')}</p>
      )}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.t('placements.detail.timeline')}</h2>
        <ol class="timeline">
          {props.timeline.map((entry) => (
            <li key={entry.id}>
              <div>
                <strong>
                  <TimelineText t={t} entry={entry} />
                </strong>
              </div>
              <div class="muted">
                {formatDateTime(entry.at, t)} ·{' '}
                {t.t('placements.timeline.by', {
                  who: entry.staffName ?? t.t(ACTOR_LABEL[entry.actor] ?? 'placements.actor.system'),
                })}
              </div>
              {entry.note ? <p>{entry.note}</p> : null}
              {typeof entry.details.text === 'string' && entry.details.text ? (
                <p>{entry.details.text}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <form method="post" action={`${action}/notes`} class="card">
        <CsrfField view={view} />
        <TextareaField
          label={t.t('placements.detail.note')}
          name="note"
          field="timelineNote"
          value=""
          attrs={{ maxlength: 2000 }}
        />
        <p>
          <button type="submit" class="secondary">
            {t.t('placements.detail.addNote')}
          </button>
        </p>
      </form>
    </ConsoleLayout>
  );
}

/** "Neue Vermittlung" from a volunteer's profile: pick a published opportunity. */
export function NewPlacementPage(props: {
  view: ConsoleView;
  volunteer: { id: string; name: string };
  opportunities: Choice[];
  problems: FieldError[];
  values: Record<string, string | undefined>;
}) {
  const { view } = props;
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('placements.new.title', { name: props.volunteer.name })}
      active="placements"
    >
      <FormErrors
        view={view}
        problems={props.problems}
        labels={{ opportunityId: t.t('placements.new.opportunity'), stage: t.t('placements.new.stage') }}
      />
      {props.opportunities.length === 0 ? (
        <p>{t.t('placements.new.noOpportunities')}</p>
      ) : (
        <form method="post" action={`/console/volunteers/${props.volunteer.id}/placements`} class="card">
          <CsrfField view={view} />
          <SelectField
            label={t.t('placements.new.opportunity')}
            name="opportunityId"
            value={props.values.opportunityId}
            choices={props.opportunities}
            problems={props.problems}
            required
          />
          <SelectField
            label={t.t('placements.new.stage')}
            name="stage"
            value={props.values.stage ?? 'advised'}
            choices={(['interested', 'advised', 'proposed'] as const).map((stage) => ({
              value: stage,
              label: t.t(STAGE_LABEL[stage]),
            }))}
            problems={props.problems}
          />
          <p>
            <button type="submit">{t.t('placements.new.submit')}</button>
          </p>
        </form>
      )}
    </ConsoleLayout>
  );
}

/** The volunteer profile's "Vermittlungen" section. */
export function VolunteerPlacementsSection(props: {
  t: Translator;
  volunteerId: string;
  placements: PlacementSummary[];
}) {
  const { t } = props;
  return (
    <section class="card" aria-labelledby="volunteer-placements">
      <h2 id="volunteer-placements">{t.t('placements.volunteer.title')}</h2>
      {props.placements.length === 0 ? (
        <p class="muted">{t.t('placements.volunteer.none')}</p>
      ) : (
        <ul>
          {props.placements.map((placement) => (
            <li key={placement.id}>
              <a href={`/console/placements/${placement.id}`}>{placement.opportunityTitle}</a> (
              {placement.providerName}) – {stageLabel(t, placement.stage)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/console/volunteers/${props.volunteerId}/placements/new`}>
          {t.t('placements.volunteer.new')}
        </a>
      </p>
    </section>
  );
}

export const STUCK_STAGES = ['interested', 'advised', 'proposed', 'host-contacted', 'trial'] as const;
export const SETTINGS_NUMBERS = [
  'followUpWeeks',
  'hostReminderDays',
  'reviewIntervalMonths',
  'reviewReminderDays',
] as const;
const SETTINGS_LABEL: Record<(typeof SETTINGS_NUMBERS)[number], MessageKey> = {
  followUpWeeks: 'placements.settings.followUpWeeks',
  hostReminderDays: 'placements.settings.hostReminderDays',
  reviewIntervalMonths: 'placements.settings.reviewIntervalMonths',
  reviewReminderDays: 'placements.settings.reviewReminderDays',
};

/** The placement settings (admins change them; others read). */
export function PlacementSettingsPage(props: {
  view: ConsoleView;
  values: Record<string, string>;
  canEdit: boolean;
  problems: FieldError[];
  notice?: string | null;
}) {
  const { view, values, canEdit } = props;
  const { t } = view;
  const attrs = { inputmode: 'numeric', disabled: !canEdit };
  return (
    <ConsoleLayout
      view={view}
      title={t.t('placements.settings.title')}
      active="settings"
      notice={props.notice}
    >
      <FormErrors view={view} problems={props.problems} />
      <form method="post" action="/console/settings/placements" class="card">
        <CsrfField view={view} />
        <fieldset>
          <legend>{t.t('placements.settings.stuckAfterDays')}</legend>
          <div class="row">
            {STUCK_STAGES.map((stage) => (
              <InputField
                key={stage}
                label={t.t(STAGE_LABEL[stage])}
                name={`stuckAfterDays.${stage}`}
                value={values[`stuckAfterDays.${stage}`]}
                problems={props.problems}
                attrs={attrs}
              />
            ))}
          </div>
        </fieldset>
        <div class="row">
          {SETTINGS_NUMBERS.map((name) => (
            <InputField
              key={name}
              label={t.t(SETTINGS_LABEL[name])}
              name={name}
              value={values[name]}
              problems={props.problems}
              attrs={attrs}
            />
          ))}
        </div>
        <p>
          <label class="inline">
            <input
              type="checkbox"
              name="reviewHostSubmissions"
              value="1"
              checked={values.reviewHostSubmissions === '1'}
              disabled={!canEdit}
            />{' '}
            {t.t('placements.settings.reviewHostSubmissions')}
          </label>
        </p>
        {canEdit ? (
          <p>
            <button type="submit">{t.t('placements.settings.save')}</button>
          </p>
        ) : null}
      </form>
    </ConsoleLayout>
  );
}
