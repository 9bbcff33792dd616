import type { HelpRequest } from '../../help-seekers/help-request.entity';
import type { HelpSeeker } from '../../help-seekers/help-seeker.entity';
import { CRITERIA, type ExclusionSummaryLine, type ScoreBreakdown } from '../../matching/domain';
import { formatDateTime, formatSchedule } from '../format';
import type { TimelineEntry } from '../request-timeline';
import { codeLabel } from '../i18n';
import {
  actionButton,
  consoleLayout,
  csrfField,
  e,
  inputField,
  textareaField,
  type ConsoleView,
} from '../view';
import type { Labels } from './labels';

export interface CandidateRow {
  id: string;
  rank: number;
  score: number;
  distanceKm: number;
  status: string;
  breakdown: ScoreBreakdown;
  volunteer: { id: string; name: string; district: string | null } | null;
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
  >;
  helpSeeker: Pick<
    HelpSeeker,
    'name' | 'phone' | 'email' | 'streetAddress' | 'preferredContact' | 'preferredLanguage'
  > | null;
  provider: { name: string; contactPerson: string } | null;
  consents: { purpose: string; mode: string; givenAt: Date; recordedBy: string | null }[];
  exclusionSummary: ExclusionSummaryLine[];
  matches: CandidateRow[];
  timeline: TimelineEntry[];
  /** "Ask someone else": who staff looked up, and whether each could be proposed. */
  pickOther?: { query: string; results: PickOtherResult[] };
}

export interface PickOtherResult {
  id: string;
  name: string;
  district: string | null;
  verdict: { eligible: true; score: number } | { eligible: false; explanation: { de: string; en: string } };
}

function pickOther(view: ConsoleView, data: RequestPageData): string {
  const { t } = view;
  const { request } = data;
  const open = ['open', 'proposals-ready'].includes(request.status);
  const results = data.pickOther
    ? data.pickOther.results.length === 0
      ? `<p>${e(t('request.noneFound'))}</p>`
      : `<ul class="items" id="pick-results">${data.pickOther.results
          .map(
            (result) =>
              `<li><span><a href="/console/volunteers/${e(result.id)}">${e(result.name)}</a> <span class="muted">${e(result.district ?? '')}</span><br>${
                result.verdict.eligible
                  ? `${e(t('request.eligible'))}: ${result.verdict.score.toFixed(1)} ${e(t('request.points'))}`
                  : `${e(t('request.notEligible'))}: ${e(result.verdict.explanation[view.lang])}`
              }</span>${
                result.verdict.eligible && open
                  ? actionButton(view, `/console/requests/${request.id}/propose`, t('request.propose'), {
                      hidden: { volunteerId: result.id },
                      ariaLabel: `${t('request.propose')}: ${result.name}`,
                    })
                  : ''
              }</li>`,
          )
          .join('')}</ul>`
    : '';
  return `<form method="get" action="/console/requests/${e(request.id)}" role="search" aria-label="${e(t('request.explain'))}"><div class="row">${inputField(t('request.explainEmail'), 'volunteer', { value: data.pickOther?.query ?? '', type: 'search' })}</div><p><button type="submit" class="secondary">${e(t('request.explainSubmit'))}</button></p></form>${results}`;
}

export const CRITERION_LABELS: Record<string, { de: string; en: string }> = {
  skills: { de: 'Fähigkeiten', en: 'Skills' },
  distance: { de: 'Entfernung', en: 'Distance' },
  availability: { de: 'Zeit', en: 'Availability' },
  language: { de: 'Sprache', en: 'Language' },
  continuity: { de: 'Kontinuität', en: 'Continuity' },
  fairness: { de: 'Fairness', en: 'Fairness' },
  responsiveness: { de: 'Antwortverhalten', en: 'Responsiveness' },
};

function breakdownTable(view: ConsoleView, match: CandidateRow): string {
  const rows = CRITERIA.map((criterion) => {
    const score = match.breakdown[criterion];
    if (!score) {
      return '';
    }
    return `<tr><th scope="row">${e(CRITERION_LABELS[criterion][view.lang])}</th><td>${score.applicable ? score.points.toFixed(1) : '–'}</td><td>${e(score.explanation[view.lang])}</td></tr>`;
  }).join('');
  return `<details><summary>${e(view.t('request.reason'))}</summary><div class="table-wrap"><table><thead><tr><th scope="col">${e(view.t('request.criterion'))}</th><th scope="col">${e(view.t('request.points'))}</th><th scope="col">${e(view.t('request.reason'))}</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function candidates(view: ConsoleView, data: RequestPageData): string {
  if (data.matches.length === 0) {
    return `<p class="muted">${e(view.t('request.noCandidates'))}</p>`;
  }
  const offerOpen = data.matches.some((match) => ['approved', 'offered', 'accepted'].includes(match.status));
  return `<div class="table-wrap"><table id="candidates"><thead><tr><th scope="col">${e(view.t('request.rank'))}</th><th scope="col">${e(view.t('common.name'))}</th><th scope="col">${e(view.t('request.score'))}</th><th scope="col">${e(view.t('common.status'))}</th><th scope="col">${e(view.t('common.actions'))}</th></tr></thead><tbody>${data.matches
    .map((match) => {
      const name = match.volunteer?.name ?? '?';
      const actions =
        match.status === 'proposed'
          ? `<div class="actions">${offerOpen ? '' : actionButton(view, `/console/matches/${match.id}/approve`, view.t('request.approve'), { ariaLabel: `${view.t('request.approve')}: ${name}` })}${actionButton(view, `/console/matches/${match.id}/reject`, view.t('request.reject'), { className: 'danger', ariaLabel: `${view.t('request.reject')}: ${name}` })}</div>`
          : '';
      return `<tr data-match="${e(match.id)}" data-status="${e(match.status)}"><td>${match.rank}</td><td>${match.volunteer ? `<a href="/console/volunteers/${e(match.volunteer.id)}">${e(name)}</a><br><span class="muted">${e(match.volunteer.district ?? '')}, ${match.distanceKm.toFixed(1)} km</span>` : '?'}${breakdownTable(view, match)}</td><td>${match.score.toFixed(1)}</td><td>${e(codeLabel(view.t, match.status))}</td><td>${actions}</td></tr>`;
    })
    .join('')}</tbody></table></div>`;
}

export function renderRequestPage(
  view: ConsoleView,
  labels: Labels,
  data: RequestPageData,
  notice?: string | null,
): string {
  const { t } = view;
  const { request, helpSeeker, provider } = data;
  const facts = `<dl>
<dt>${e(t('request.status'))}</dt><dd id="request-status">${e(codeLabel(t, request.status))}</dd>
<dt>${e(t('request.category'))}</dt><dd>${e(labels.category(request.category))}</dd>
<dt>${e(t('request.description'))}</dt><dd>${e(request.description)}</dd>
<dt>${e(t('request.when'))}</dt><dd>${e(formatSchedule(request.schedule, view.lang))}</dd>
<dt>${e(t('request.where'))}</dt><dd>${e(request.postalCode)} ${e(request.district ?? '')}${request.streetAddress ? `, ${e(request.streetAddress)}` : ''}</dd>
<dt>${e(t('request.urgency'))}</dt><dd>${e(codeLabel(t, request.urgency))}</dd>
<dt>${e(t('request.source'))}</dt><dd>${e(codeLabel(t, request.source))}</dd>
</dl>`;
  const person = helpSeeker
    ? `<section class="card" aria-labelledby="h-person"><h2 id="h-person">${e(t('request.helpSeeker'))}</h2><dl>
<dt>${e(t('common.name'))}</dt><dd>${e(helpSeeker.name)}</dd>
<dt>${e(t('request.contact'))}</dt><dd>${[helpSeeker.phone, helpSeeker.email, helpSeeker.streetAddress]
        .filter(Boolean)
        .map((value) => e(String(value)))
        .join(
          '<br>',
        )}<br><span class="muted">${e(t('intake.preferredContact'))}: ${e(codeLabel(t, helpSeeker.preferredContact))}, ${e(helpSeeker.preferredLanguage)}</span></dd>
<dt>${e(t('request.consent'))}</dt><dd>${data.consents.map((consent) => `${e(consent.purpose)}: ${consent.mode === 'oral' ? `${e(t('request.consentBy'))} ${e(consent.recordedBy ?? '?')}` : e(consent.mode)}, ${e(formatDateTime(consent.givenAt, view.lang))}`).join('<br>') || '–'}</dd>
</dl></section>`
    : provider
      ? `<section class="card"><h2>${e(t('request.provider'))}</h2><p>${e(provider.name)} (${e(provider.contactPerson)})</p></section>`
      : '';
  const exclusions =
    data.exclusionSummary.length > 0 && data.matches.filter((m) => m.status === 'proposed').length === 0
      ? `<section class="card" aria-labelledby="h-excl"><h2 id="h-excl">${e(t('request.exclusions'))}</h2><ul>${data.exclusionSummary.map((line) => `<li>${e(line.text[view.lang])}</li>`).join('')}</ul></section>`
      : '';
  const rematch =
    request.status === 'in-review'
      ? actionButton(view, `/console/requests/${request.id}/release`, t('request.release'))
      : ['open', 'proposals-ready'].includes(request.status)
        ? actionButton(view, `/console/requests/${request.id}/rematch`, t('request.rematch'), {
            className: 'secondary',
          })
        : '';
  const note = `<form method="post" action="/console/requests/${e(request.id)}/notes">${csrfField(view)}${textareaField(t('request.note'), 'body', { required: true, attrs: 'maxlength="2000"' })}<p><button type="submit" class="secondary">${e(t('request.addNote'))}</button></p></form>`;
  const timeline = `<ol class="items" id="timeline">${data.timeline
    .map(
      (entry) =>
        `<li><span>${e(entry.text[view.lang])}${entry.by ? ` <span class="muted">(${e(t('common.by'))} ${e(entry.by)})</span>` : ''}</span><span class="waited">${e(formatDateTime(entry.at, view.lang))}</span></li>`,
    )
    .join('')}</ol>`;
  return consoleLayout(view, {
    title: `${t('request.title')}: ${labels.category(request.category)}, ${request.district ?? ''}`,
    active: 'today',
    notice,
    body: `<div class="grid"><section class="card" aria-labelledby="h-facts"><h2 id="h-facts">${e(t('request.title'))}</h2>${facts}</section>${person}</div>
${exclusions}
<section class="card" aria-labelledby="h-cand"><h2 id="h-cand">${e(t('request.candidates'))}</h2>${candidates(view, data)}<p>${rematch}</p></section>
<section class="card" aria-labelledby="h-pick"><h2 id="h-pick">${e(t('request.explain'))}</h2>${pickOther(view, data)}</section>
<div class="grid"><section class="card" aria-labelledby="h-time"><h2 id="h-time">${e(t('request.timeline'))}</h2>${timeline}</section>
<section class="card" aria-labelledby="h-note"><h2 id="h-note">${e(t('request.note'))}</h2>${note}</section></div>`,
  });
}
