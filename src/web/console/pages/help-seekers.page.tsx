import type { HelpSeekerListRow, HelpSeekerProfile } from '../../../help-seekers/request-search.service';
import { languageName } from '../../../matching/domain';
import type { MessageKey, Translator } from '../../../i18n';
import { formatDateTime } from '../format';
import type { TimelineEntry } from '../request-timeline';
import { codeLabel, ConsoleLayout, InputField, localized, type ConsoleView } from '../view';
import { HelpSeekerRights } from './help-seeker-rights';
import type { Labels } from './labels';
import { timelineText } from './request.page';

const pageLink = (q: string, page: number): string => {
  const params = new URLSearchParams();
  if (q) {
    params.set('q', q);
  }
  if (page > 0) {
    params.set('page', String(page));
  }
  const query = params.toString();
  return `/console/help-seekers${query ? `?${query}` : ''}`;
};

export function HelpSeekerListPage(props: {
  view: ConsoleView;
  q: string;
  page: number;
  rows: HelpSeekerListRow[];
  hasNext: boolean;
}) {
  const { view, q, page, rows } = props;
  const { t } = view;
  return (
    <ConsoleLayout view={view} title={t.t('console.seekerList.title')} active="help-seekers">
      <form
        method="get"
        action="/console/help-seekers"
        class="card"
        role="search"
        aria-label={t.t('console.seekerList.search')}
      >
        <InputField label={t.t('console.seekerList.q')} name="q" type="search" value={q} />
        <p class="muted">{t.t('console.seekerList.hint')}</p>
        <p>
          <button type="submit">{t.t('console.seekerList.search')}</button>
        </p>
      </form>
      {rows.length === 0 ? (
        <p id="seeker-results">{t.t('console.seekerList.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="seeker-results">
            <thead>
              <tr>
                <th scope="col">{t.t('console.common.name')}</th>
                <th scope="col">{t.t('console.seekerList.phone')}</th>
                <th scope="col">{t.t('console.common.email')}</th>
                <th scope="col">{t.t('console.seekerList.postalCode')}</th>
                <th scope="col">{t.t('console.seekerList.requests')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a href={`/console/help-seekers/${row.id}`}>{row.name}</a>
                  </td>
                  <td>{row.phone ?? '–'}</td>
                  <td>{row.email ?? '–'}</td>
                  <td>{row.postalCode}</td>
                  <td>{row.requests}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="actions" aria-label={t.t('console.seekerList.pages')}>
        {page > 0 ? (
          <a href={pageLink(q, page - 1)} rel="prev">
            {t.t('console.seekerList.prev')}
          </a>
        ) : null}
        {props.hasNext ? (
          <a href={pageLink(q, page + 1)} rel="next">
            {t.t('console.seekerList.next')}
          </a>
        ) : null}
      </nav>
    </ConsoleLayout>
  );
}

/** A timeline entry of one of the person's requests, with the request it belongs to. */
export interface ProfileTimelineEntry extends TimelineEntry {
  requestId: string;
  category: string;
}

const languageWords = (t: Translator, code: string): string => {
  const name = languageName(code);
  return name ? localized(t, name) : code;
};

const SALUTATIONS: Record<string, MessageKey> = {
  frau: 'console.seekerList.salutation.frau',
  herr: 'console.seekerList.salutation.herr',
  none: 'console.seekerList.salutation.none',
};
const RELATIONSHIPS: Record<string, MessageKey> = {
  relative: 'console.seekerList.relationship.relative',
  neighbour: 'console.seekerList.relationship.neighbour',
  'care-service': 'console.seekerList.relationship.care-service',
  'legal-guardian': 'console.seekerList.relationship.legal-guardian',
  other: 'console.seekerList.relationship.other',
};
const OUTCOMES: Record<string, MessageKey> = {
  'went-well': 'console.seekerList.outcome.went-well',
  problems: 'console.seekerList.outcome.problems',
};

/** A stored code in words from one of the maps above; a code the map lacks as the generic label. */
const wordsFor = (t: Translator, map: Record<string, MessageKey>, code: string): string =>
  Object.hasOwn(map, code) ? t.t(map[code]) : codeLabel(t, code);

const salutationWords = (t: Translator, salutation: string): string => wordsFor(t, SALUTATIONS, salutation);

export function HelpSeekerProfilePage(props: {
  view: ConsoleView;
  labels: Labels;
  profile: HelpSeekerProfile;
  timeline: ProfileTimelineEntry[];
  notice?: string | null;
}) {
  const { view, labels, profile } = props;
  const { t } = view;
  const dash = (value: string | null | undefined): string => (value ? value : '–');
  const activePurposes = profile.consents
    .filter((consent) => consent.withdrawnAt === null)
    .map((consent) => consent.purpose);
  const newestRequest = profile.requests[0];
  return (
    <ConsoleLayout
      view={view}
      title={`${t.t('console.seekerList.profile')}: ${profile.name}`}
      active="help-seekers"
      notice={props.notice}
    >
      <p class="actions">
        <a href={`/console/help-seekers/${profile.id}/edit`}>{t.t('console.seekerList.edit')}</a>
        <a href="/console/help-seekers">{t.t('console.seekerList.back')}</a>
      </p>
      <div class="grid">
        <section class="card" aria-labelledby="h-contact">
          <h2 id="h-contact">{t.t('console.seekerList.contact')}</h2>
          <dl id="seeker-contact">
            <dt>{t.t('console.seekerList.salutation')}</dt>
            <dd>{salutationWords(t, profile.salutation)}</dd>
            <dt>{t.t('console.common.name')}</dt>
            <dd>{profile.name}</dd>
            <dt>{t.t('console.seekerList.phone')}</dt>
            <dd>{dash(profile.phone)}</dd>
            <dt>{t.t('console.common.email')}</dt>
            <dd>{dash(profile.email)}</dd>
            <dt>{t.t('console.seekerList.street')}</dt>
            <dd>{dash(profile.streetAddress)}</dd>
            <dt>{t.t('console.seekerList.postalCode')}</dt>
            <dd>{profile.postalCode}</dd>
            <dt>{t.t('console.seekerList.since')}</dt>
            <dd>{formatDateTime(profile.createdAt, t)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="h-prefs">
          <h2 id="h-prefs">{t.t('console.seekerList.preferences')}</h2>
          <dl>
            <dt>{t.t('console.seekerList.preferredContact')}</dt>
            <dd>{codeLabel(t, profile.preferredContact)}</dd>
            <dt>{t.t('console.seekerList.preferredLanguage')}</dt>
            <dd>{languageWords(t, profile.preferredLanguage)}</dd>
            <dt>{t.t('console.seekerList.accessibility')}</dt>
            <dd id="seeker-accessibility">
              {profile.healthDataConsent
                ? profile.accessibilityNeeds.length > 0
                  ? profile.accessibilityNeeds.join(', ')
                  : '–'
                : t.t('console.seekerList.noHealthConsent')}
            </dd>
          </dl>
          <h3>{t.t('console.seekerList.contactPerson')}</h3>
          {profile.contactPersonName ? (
            <dl>
              <dt>{t.t('console.common.name')}</dt>
              <dd>{profile.contactPersonName}</dd>
              <dt>{t.t('console.seekerList.relationship')}</dt>
              <dd>
                {profile.contactPersonRelationship
                  ? wordsFor(t, RELATIONSHIPS, profile.contactPersonRelationship)
                  : '–'}
              </dd>
              <dt>{t.t('console.seekerList.phone')}</dt>
              <dd>{dash(profile.contactPersonPhone)}</dd>
            </dl>
          ) : (
            <p>{t.t('console.seekerList.noContactPerson')}</p>
          )}
        </section>
      </div>
      <section class="card" aria-labelledby="h-consents">
        <h2 id="h-consents">{t.t('console.seekerList.consents')}</h2>
        {profile.consents.length === 0 ? (
          <p>{t.t('console.seekerList.noConsents')}</p>
        ) : (
          <div class="table-wrap">
            <table id="seeker-consents">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.seekerList.purpose')}</th>
                  <th scope="col">{t.t('console.seekerList.mode')}</th>
                  <th scope="col">{t.t('console.seekerList.givenAt')}</th>
                  <th scope="col">{t.t('console.seekerList.withdrawnAt')}</th>
                </tr>
              </thead>
              <tbody>
                {profile.consents.map((consent, index) => (
                  <tr key={index}>
                    <td>{codeLabel(t, consent.purpose)}</td>
                    <td>{codeLabel(t, consent.mode)}</td>
                    <td>
                      {formatDateTime(consent.givenAt, t)}
                      {consent.recordedBy ? (
                        <span class="muted">
                          {' '}
                          ({t.t('console.common.by')} {consent.recordedBy})
                        </span>
                      ) : null}
                    </td>
                    <td>{consent.withdrawnAt ? formatDateTime(consent.withdrawnAt, t) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="h-requests">
        <h2 id="h-requests">{t.t('console.seekerList.requestsTitle')}</h2>
        {profile.requests.length === 0 ? (
          <p>{t.t('console.seekerList.noRequests')}</p>
        ) : (
          <div class="table-wrap">
            <table id="seeker-requests">
              <thead>
                <tr>
                  <th scope="col">{t.t('console.seekerList.created')}</th>
                  <th scope="col">{t.t('console.requestList.category')}</th>
                  <th scope="col">{t.t('console.requestList.needed')}</th>
                  <th scope="col">{t.t('console.common.status')}</th>
                  <th scope="col">{t.t('console.seekerList.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {profile.requests.map((request) => (
                  <tr key={request.id}>
                    <td>{formatDateTime(request.createdAt, t)}</td>
                    <td>
                      <a href={`/console/requests/${request.id}`}>{labels.category(request.category)}</a>
                    </td>
                    <td>{request.startsAt ? formatDateTime(request.startsAt, t) : '–'}</td>
                    <td>{codeLabel(t, request.status)}</td>
                    <td>{request.outcome ? wordsFor(t, OUTCOMES, request.outcome) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">{t.t('console.seekerList.timeline')}</h2>
        {props.timeline.length === 0 ? (
          <p>{t.t('console.seekerList.noTimeline')}</p>
        ) : (
          <ol class="items" id="seeker-timeline">
            {props.timeline.map((entry, index) => (
              <li key={index}>
                <span>
                  <a href={`/console/requests/${entry.requestId}`}>{labels.category(entry.category)}</a>:{' '}
                  {timelineText(t, entry)}
                  {entry.by ? (
                    <span class="muted">
                      {' '}
                      ({t.t('console.common.by')} {entry.by})
                    </span>
                  ) : null}
                </span>
                <span class="waited">{formatDateTime(entry.at, t)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {newestRequest ? (
        <HelpSeekerRights
          view={view}
          requestId={newestRequest.id}
          helpSeekerId={profile.id}
          purposes={activePurposes}
        />
      ) : null}
    </ConsoleLayout>
  );
}
