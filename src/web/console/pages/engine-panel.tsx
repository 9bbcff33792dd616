import type { MessageKey, Translator } from '../../../i18n';
import type { ExclusionReason } from '../../../matching/domain';
import type { LocalizedText } from '../../../shared/localized-text';
import { formatDateTime } from '../format';
import { ActionButton, CsrfField, localized, SelectField, TextareaField, type ConsoleView } from '../view';

/** A volunteer staff looked up, with what proposing them would take (override check). */
export interface OverrideCandidate {
  id: string;
  name: string;
  kind: 'eligible' | 'overridable' | 'refused';
  overridden: { reason: string; explanation: LocalizedText }[];
  refusal: { reason: string; overrideClass: 'firm' | 'safeguarding'; explanation: LocalizedText } | null;
}

/** The request page's part for overrides, placements agreed by phone, no-shows and blocks. */
export interface EnginePanelData {
  requestId: string;
  requestStatus: string;
  helpSeekerId: string | null;
  escalatedAt: Date | null;
  /** Looked-up volunteers (the "Jemand anderen anfragen" search), each with the override check. */
  candidates: OverrideCandidate[];
  /** Matches of this request with what staff can record on them. */
  matches: {
    id: string;
    status: string;
    volunteerId: string;
    volunteerName: string;
    overrideReason: string | null;
    overriddenRules: string[] | null;
    acceptedOnBehalf: boolean;
    attendance: string | null;
    followUpOutcome: string | null;
  }[];
  blocks: {
    volunteerId: string;
    volunteerName: string;
    reason: string | null;
    createdBy: string | null;
    createdAt: Date;
  }[];
}

/** Each rule's short name; literal keys so the catalogue check sees them used. */
const RULE_LABELS: Record<ExclusionReason, MessageKey> = {
  'not-active': 'console.override.rule.not-active',
  away: 'console.override.rule.away',
  blocked: 'console.override.rule.blocked',
  'already-asked': 'console.override.rule.already-asked',
  'under-minimum-age': 'console.override.rule.under-minimum-age',
  'language-missing': 'console.override.rule.language-missing',
  'certificate-missing': 'console.override.rule.certificate-missing',
  'certificate-expired': 'console.override.rule.certificate-expired',
  'outside-radius': 'console.override.rule.outside-radius',
  'not-available': 'console.override.rule.not-available',
  'double-booked': 'console.override.rule.double-booked',
  'at-capacity': 'console.override.rule.at-capacity',
  'weekly-offer-cap': 'console.override.rule.weekly-offer-cap',
};

const ruleLabel = (t: Translator, reason: string): string =>
  reason in RULE_LABELS ? t.t(RULE_LABELS[reason as ExclusionReason]) : reason;

/** The engine forms' fields in words, for a refused form. */
export const ENGINE_FIELD_LABELS: Record<string, MessageKey> = {
  volunteerId: 'console.override.field.volunteerId',
  reason: 'console.override.field.reason',
  attendance: 'console.override.field.attendance',
};

function OverrideForm({
  view,
  data,
  candidate,
}: {
  view: ConsoleView;
  data: EnginePanelData;
  candidate: OverrideCandidate;
}) {
  const { t } = view;
  const key = candidate.id.slice(0, 8);
  return (
    <form method="post" action={`/console/requests/${data.requestId}/override`} class="override-form">
      <CsrfField view={view} />
      <input type="hidden" name="volunteerId" value={candidate.id} />
      <TextareaField
        label={`${t.t('console.override.reason')} (${candidate.name})`}
        name="reason"
        field={`override-reason-${key}`}
        required
        attrs={{ minlength: 5, maxlength: 500 }}
      />
      <p>
        <label class="inline">
          <input type="checkbox" name="agreedByPhone" value="yes" /> {t.t('console.override.agreedByPhone')}
        </label>
      </p>
      <p>
        <button type="submit" aria-label={`${t.t('console.override.submit')}: ${candidate.name}`}>
          {t.t('console.override.submit')}
        </button>
      </p>
    </form>
  );
}

function Candidates({ view, data }: { view: ConsoleView; data: EnginePanelData }) {
  const { t } = view;
  const open = ['open', 'proposals-ready'].includes(data.requestStatus);
  if (data.candidates.length === 0) {
    return null;
  }
  return (
    <ul class="items" id="override-results">
      {data.candidates.map((candidate) => (
        <li key={candidate.id} data-volunteer={candidate.id} data-kind={candidate.kind}>
          <div>
            <strong>{candidate.name}</strong>
            {candidate.kind === 'eligible' ? (
              <>
                <p>{t.t('console.override.eligible')}</p>
                {open ? (
                  <ActionButton
                    view={view}
                    action={`/console/requests/${data.requestId}/agreed-by-phone`}
                    label={t.t('console.override.recordPhone')}
                    hidden={{ volunteerId: candidate.id }}
                    className="secondary"
                    ariaLabel={`${t.t('console.override.recordPhone')}: ${candidate.name}`}
                  />
                ) : null}
              </>
            ) : null}
            {candidate.overridden.length > 0 ? (
              <>
                <p>{t.t('console.override.softRules')}</p>
                <ul>
                  {candidate.overridden.map((rule) => (
                    <li key={rule.reason}>
                      {ruleLabel(t, rule.reason)}: {localized(t, rule.explanation)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {candidate.refusal ? (
              <p class="alert" role="alert" data-refusal={candidate.refusal.overrideClass}>
                {candidate.refusal.overrideClass === 'safeguarding'
                  ? t.t('console.override.refusedSafeguarding', {
                      rule: ruleLabel(t, candidate.refusal.reason),
                      why: localized(t, candidate.refusal.explanation),
                    })
                  : t.t('console.override.refusedFirm', {
                      rule: ruleLabel(t, candidate.refusal.reason),
                      why: localized(t, candidate.refusal.explanation),
                    })}
              </p>
            ) : null}
            {candidate.kind === 'overridable' && open ? (
              <OverrideForm view={view} data={data} candidate={candidate} />
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Assignments({ view, data }: { view: ConsoleView; data: EnginePanelData }) {
  const { t } = view;
  const rows = data.matches.filter(
    (match) => match.overrideReason !== null || match.acceptedOnBehalf || match.status === 'accepted',
  );
  if (rows.length === 0) {
    return null;
  }
  return (
    <ul class="items" id="engine-matches">
      {rows.map((match) => (
        <li key={match.id} data-match={match.id}>
          <div>
            <strong>{match.volunteerName}</strong>
            {match.overrideReason !== null ? (
              <p>
                {t.t('console.override.overriddenWith', {
                  rules: (match.overriddenRules ?? []).map((rule) => ruleLabel(t, rule)).join(', ') || '–',
                  reason: match.overrideReason,
                })}
              </p>
            ) : null}
            {match.acceptedOnBehalf ? <p>{t.t('console.override.acceptedOnBehalf')}</p> : null}
            {match.attendance ? (
              <p>
                {t.t('console.override.attendanceRecorded', {
                  what: t.dynamic(`console.override.attendance.${match.attendance}`) ?? match.attendance,
                })}
              </p>
            ) : null}
            {match.followUpOutcome === 'did-not-happen' && !match.attendance ? (
              <p>{t.t('console.override.followUpDidNotHappen')}</p>
            ) : null}
          </div>
          {match.status === 'accepted' ? (
            <div class="actions">
              <ActionButton
                view={view}
                action={`/console/matches/${match.id}/attendance`}
                label={t.t('console.override.attendance.no-show')}
                hidden={{ attendance: 'no-show' }}
                className="secondary"
                ariaLabel={`${t.t('console.override.attendance.no-show')}: ${match.volunteerName}`}
              />
              <ActionButton
                view={view}
                action={`/console/matches/${match.id}/attendance`}
                label={t.t('console.override.attendance.late-cancellation')}
                hidden={{ attendance: 'late-cancellation' }}
                className="secondary"
                ariaLabel={`${t.t('console.override.attendance.late-cancellation')}: ${match.volunteerName}`}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Blocks({ view, data }: { view: ConsoleView; data: EnginePanelData }) {
  const { t } = view;
  if (data.helpSeekerId === null) {
    return null;
  }
  const blocked = new Set(data.blocks.map((block) => block.volunteerId));
  const choices = [
    ...new Map(data.matches.map((match) => [match.volunteerId, match.volunteerName])).entries(),
  ]
    .filter(([id]) => !blocked.has(id))
    .map(([value, label]) => ({ value, label }));
  return (
    <>
      <h3 id="h-blocks">{t.t('console.override.blocks')}</h3>
      {data.blocks.length === 0 ? (
        <p class="muted">{t.t('console.override.noBlocks')}</p>
      ) : (
        <ul class="items" id="blocks" aria-labelledby="h-blocks">
          {data.blocks.map((block) => (
            <li key={block.volunteerId} data-volunteer={block.volunteerId}>
              <span>
                {block.volunteerName}
                {block.reason ? `: ${block.reason}` : ''}{' '}
                <span class="muted">
                  ({block.createdBy ?? '–'}, {formatDateTime(block.createdAt, t)})
                </span>
              </span>
              <ActionButton
                view={view}
                action={`/console/requests/${data.requestId}/blocks/${block.volunteerId}/remove`}
                label={t.t('console.override.unblock')}
                className="secondary"
                ariaLabel={`${t.t('console.override.unblock')}: ${block.volunteerName}`}
              />
            </li>
          ))}
        </ul>
      )}
      {choices.length > 0 ? (
        <form method="post" action={`/console/requests/${data.requestId}/blocks`}>
          <CsrfField view={view} />
          <SelectField
            label={t.t('console.override.blockWho')}
            name="volunteerId"
            field="block-volunteer"
            choices={choices}
            required
          />
          <TextareaField
            label={t.t('console.override.blockReason')}
            name="reason"
            field="block-reason"
            attrs={{ maxlength: 300 }}
          />
          <p>
            <button type="submit" class="danger">
              {t.t('console.override.block')}
            </button>
          </p>
        </form>
      ) : null}
    </>
  );
}

/** Included once on the request page: escalation, overrides, phone placements, no-shows, blocks. */
export function EnginePanel({ view, data }: { view: ConsoleView; data: EnginePanelData | undefined }) {
  if (!data) {
    return null;
  }
  const { t } = view;
  return (
    <section class="card" aria-labelledby="h-engine" id="engine-panel">
      <h2 id="h-engine">{t.t('console.override.title')}</h2>
      {data.escalatedAt ? (
        <p class="alert" role="status" id="escalated">
          {t.t('console.deadline.escalated', { at: formatDateTime(data.escalatedAt, t) })}
        </p>
      ) : null}
      <p class="muted">{t.t('console.override.intro')}</p>
      <Candidates view={view} data={data} />
      <Assignments view={view} data={data} />
      <Blocks view={view} data={data} />
    </section>
  );
}
