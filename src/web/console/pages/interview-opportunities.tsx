import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import type { LocalizedText } from '../../../shared/localized-text';
import { CheckboxGroup, localized, type ConsoleView } from '../view';

/** One opportunity the adviser may choose in the interview: a best fit (with its reason) or a search hit. */
export interface InterviewOpportunityChoice {
  id: string;
  title: string;
  providerName: string;
  /** Fit score 0–100, for the ranked ones. */
  score?: number;
  /** The fit's short explanation: its strongest criterion's label and reason. */
  why?: { criterionKey: MessageKey; explanation: LocalizedText } | null;
}

/** A placement the interview led to, as the profile and the interview record show it. */
export interface InterviewLedToPlacement {
  placementId: string;
  opportunityId: string;
  title: string;
  stage: string;
}

function choiceLabel(t: Translator, choice: InterviewOpportunityChoice): string {
  const parts = [`${choice.title} (${choice.providerName})`];
  if (choice.score !== undefined) {
    parts.push(t.t('console.interview.opportunities.score', { score: Math.round(choice.score) }));
  }
  if (choice.why) {
    parts.push(`${t.t(choice.why.criterionKey)}: ${localized(t, choice.why.explanation)}`);
  }
  return parts.join(' · ');
}

/**
 * Inside the interview form: the volunteer's best-fitting published opportunities as checkboxes
 * (with the fit's short reason), then any others found by the search, all under `opportunityIds`.
 */
export function InterviewOpportunitiesFieldset(props: {
  view: ConsoleView;
  ranked: InterviewOpportunityChoice[];
  found: InterviewOpportunityChoice[];
  selected: string[];
  problems: FieldError[];
}) {
  const { t } = props.view;
  const rankedIds = new Set(props.ranked.map((choice) => choice.id));
  const others = props.found.filter((choice) => !rankedIds.has(choice.id));
  return (
    <section aria-labelledby="h-interview-opportunities">
      <h2 id="h-interview-opportunities">{t.t('console.interview.opportunities.title')}</h2>
      <p class="muted">{t.t('console.interview.opportunities.hint')}</p>
      {props.ranked.length === 0 && others.length === 0 ? (
        <p class="muted">{t.t('console.interview.opportunities.noneFit')}</p>
      ) : null}
      <CheckboxGroup
        legend={t.t('console.interview.opportunities.legend')}
        name="opportunityIds"
        choices={[...props.ranked, ...others].map((choice) => ({
          value: choice.id,
          label: choiceLabel(t, choice),
        }))}
        selected={props.selected}
        problems={props.problems}
      />
    </section>
  );
}

/** The search for any other published opportunity (GET, so it keeps no state and needs no token). */
export function InterviewOpportunitySearch(props: { view: ConsoleView; volunteerId: string; query: string }) {
  const { t } = props.view;
  return (
    <form
      method="get"
      action={`/console/volunteers/${props.volunteerId}/advisory-interviews/new`}
      class="card"
    >
      <label for="interview-opportunity-q">{t.t('console.interview.opportunities.search')}</label>{' '}
      <input id="interview-opportunity-q" type="search" name="q" value={props.query} maxLength={100} />{' '}
      <button type="submit">{t.t('console.interview.opportunities.searchButton')}</button>
      <p class="muted">{t.t('console.interview.opportunities.searchHint')}</p>
    </form>
  );
}

/** "Led to: …" under an interview: its placements, and the catalogue of them to print. */
export function InterviewLedTo(props: {
  view: ConsoleView;
  volunteerId: string;
  placements: InterviewLedToPlacement[];
}) {
  const { t } = props.view;
  if (props.placements.length === 0) {
    return <p class="muted">{t.t('console.interview.ledToNothing')}</p>;
  }
  const ids = props.placements.map((p) => p.opportunityId).join(',');
  return (
    <>
      <p>
        {t.t('console.interview.ledTo')}{' '}
        {props.placements.map((placement, index) => (
          <>
            {index > 0 ? ', ' : ''}
            <a href={`/console/placements/${placement.placementId}`}>{placement.title}</a>
          </>
        ))}
      </p>
      <p>
        <a href={`/console/catalogue?volunteer=${props.volunteerId}&ids=${ids}`}>
          {t.t('console.interview.printCatalogue')}
        </a>
      </p>
    </>
  );
}
