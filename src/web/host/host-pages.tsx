import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import type { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { LinkShell } from '../links/link-shell';
import { formatDay } from '../shell/schedule-text';
import {
  HOST_DECLINE_REASONS,
  type HostOpportunityView,
  type HostPageView,
  type ProposedVolunteer,
} from './host-page.service';

const HOST_CSS_NOTE = 'host-page';
const DONE_NOTICES = {
  draft: 'host.page.done.draft',
  'in-review': 'host.page.done.in-review',
  published: 'host.page.done.published',
  saved: 'host.page.done.saved',
} as const;

/** The next steps a host can record from a stage (the stage rules decide the rest). */
const NEXT_MOVES = {
  proposed: ['contacted', 'trial', 'started'],
  'host-contacted': ['trial', 'started'],
  trial: ['started'],
  started: [],
} as const;

/** Adds the page's chosen language to a path, so forms and redirects keep it. */
export const withLang = (path: string, t: Translator): string => `${path}?lang=${t.locale}`;

export function HostPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  token: string;
  view: HostPageView;
  taxonomy: TaxonomyService;
  /** What was just saved (`?done=` after a form): draft, in-review, published or saved. */
  done?: string | null;
}) {
  const { t, view } = props;
  const done =
    props.done && Object.hasOwn(DONE_NOTICES, props.done) ? (props.done as keyof typeof DONE_NOTICES) : null;
  const unassigned = view.opportunities.filter(
    (o) => o.projectId === null || !view.projects.some((p) => p.id === o.projectId),
  );
  return (
    <LinkShell t={t} agency={props.agency} path={props.path} title={t.t('host.page.title')}>
      <h1 class={HOST_CSS_NOTE}>
        <bdi>{t.t('host.page.heading', { name: view.provider.name })}</bdi>
      </h1>
      {done ? (
        <p class="notice" role="status">
          {t.t(DONE_NOTICES[done])}
        </p>
      ) : null}
      <p class="note">{t.t('host.page.intro')}</p>
      <p>
        <a href={withLang(`/host/${props.token}/opportunities/new`, t)}>{t.t('host.page.newOpportunity')}</a>
        {' · '}
        <a href={withLang(`/host/${props.token}/projects/new`, t)}>{t.t('host.page.newProject')}</a>
      </p>
      {view.opportunities.length === 0 ? <p>{t.t('host.page.none')}</p> : null}
      {view.projects.map((project) => {
        const opportunities = view.opportunities.filter((o) => o.projectId === project.id);
        return (
          <section key={project.id} aria-labelledby={`project-${project.id}`}>
            <h2 id={`project-${project.id}`}>
              {t.t('host.page.project', { title: '' })}
              <bdi>{project.title}</bdi>
            </h2>
            {project.description ? <p dir="auto">{project.description}</p> : null}
            <p>
              <a href={withLang(`/host/${props.token}/projects/${project.id}/edit`, t)}>
                {t.t('host.page.editProject')}
              </a>
            </p>
            {opportunities.length === 0 ? <p>{t.t('host.page.projectEmpty')}</p> : null}
            {opportunities.map((o) => (
              <OpportunityCard key={o.id} {...props} opportunity={o} />
            ))}
          </section>
        );
      })}
      {unassigned.length > 0 ? (
        <section aria-labelledby="project-none">
          <h2 id="project-none">{t.t('host.page.noProject')}</h2>
          {unassigned.map((o) => (
            <OpportunityCard key={o.id} {...props} opportunity={o} />
          ))}
        </section>
      ) : null}
    </LinkShell>
  );
}

function OpportunityCard(props: {
  t: Translator;
  token: string;
  opportunity: HostOpportunityView;
  taxonomy: TaxonomyService;
}) {
  const { t, opportunity: o } = props;
  const base = `/host/${props.token}/opportunities/${o.id}`;
  return (
    <article aria-labelledby={`opportunity-${o.id}`}>
      <h3 id={`opportunity-${o.id}`} dir="auto">
        {o.title}
      </h3>
      <p>
        <a href={withLang(`${base}/edit`, props.t)}>{t.t('host.page.edit')}</a>
      </p>
      <dl>
        <dt>{t.t('host.opportunity.status')}</dt>
        <dd>{t.t(`host.status.${o.status}`)}</dd>
        <dt>{t.t('host.opportunity.reviewBy')}</dt>
        <dd>{o.reviewBy ? formatDay(t, o.reviewBy) : '–'}</dd>
      </dl>
      {o.status === 'published' || o.status === 'paused' ? (
        <form method="post" action={withLang(`${base}/confirm`, t)}>
          <button type="submit">{t.t('host.opportunity.confirm')}</button>
        </form>
      ) : null}
      {o.status === 'published' ? (
        <form method="post" action={withLang(`${base}/pause`, t)}>
          <button type="submit" class="secondary">
            {t.t('host.opportunity.pause')}
          </button>
        </form>
      ) : null}
      {o.status === 'paused' && o.pausedReason !== 'staff' ? (
        <form method="post" action={withLang(`${base}/resume`, t)}>
          <button type="submit" class="secondary">
            {t.t('host.opportunity.resume')}
          </button>
        </form>
      ) : null}
      <h4>{t.t('host.volunteers.heading')}</h4>
      {o.volunteers.length === 0 ? (
        <p>{t.t('host.volunteers.none')}</p>
      ) : (
        <ul>
          {o.volunteers.map((v) => (
            <VolunteerItem key={v.placementId} {...props} volunteer={v} />
          ))}
        </ul>
      )}
    </article>
  );
}

function VolunteerItem(props: {
  t: Translator;
  token: string;
  volunteer: ProposedVolunteer;
  taxonomy: TaxonomyService;
}) {
  const { t, volunteer: v } = props;
  const action = withLang(`/host/${props.token}/placements/${v.placementId}/stage`, t);
  const next = NEXT_MOVES[v.stage as keyof typeof NEXT_MOVES] ?? [];
  const reasonId = `reason-${v.placementId}`;
  const noteId = `note-${v.placementId}`;
  return (
    <li>
      <dl>
        <dt>{t.t('host.volunteers.firstName')}</dt>
        <dd>
          <bdi>{v.firstName}</bdi>
        </dd>
        <dt>{t.t('host.volunteers.district')}</dt>
        <dd>{v.district ? <bdi>{v.district}</bdi> : '–'}</dd>
        <dt>{t.t('host.volunteers.interests')}</dt>
        <dd>{v.interests.map((key) => props.taxonomy.label('fields', key, t)).join(', ') || '–'}</dd>
        <dt>{t.t('host.volunteers.email')}</dt>
        <dd>
          <a href={`mailto:${v.email}`} dir="ltr">
            {v.email}
          </a>
        </dd>
        <dt>{t.t('host.volunteers.phone')}</dt>
        <dd>{v.phone ? <a href={`tel:${v.phone.replace(/[^\d+]/g, '')}`}>{v.phone}</a> : '–'}</dd>
        <dt>{t.t('host.volunteers.stage')}</dt>
        <dd>{t.t(`host.stage.${v.stage}`)}</dd>
      </dl>
      {next.map((move) => (
        <form key={move} method="post" action={action}>
          <input type="hidden" name="move" value={move} />
          <button type="submit">{t.t(`host.move.${move}`)}</button>
        </form>
      ))}
      {v.stage !== 'started' ? (
        <form method="post" action={action}>
          <input type="hidden" name="move" value="declined" />
          <fieldset>
            <legend>{t.t('host.move.declined')}</legend>
            <label for={reasonId}>{t.t('host.decline.reason')}</label>{' '}
            <select id={reasonId} name="reason" required>
              {HOST_DECLINE_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t.t(`host.decline.${reason}`)}
                </option>
              ))}
            </select>
            <p>
              <label for={noteId}>{t.t('host.decline.note')}</label>{' '}
              <input id={noteId} name="note" maxLength={500} />
            </p>
            <button type="submit" class="secondary">
              {t.t('host.decline.save')}
            </button>
          </fieldset>
        </form>
      ) : null}
    </li>
  );
}

/** /host/link, and an expired or revoked link: one address field, the same answer for everyone. */
export function HostLinkRequestPage(props: {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  title: string;
  body: string;
  error?: string | null;
}) {
  const { t } = props;
  return (
    <LinkShell t={t} agency={props.agency} path={props.path} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.error ? (
        <p class="error-summary" role="alert">
          <a href="#host-email">{props.error}</a>
        </p>
      ) : null}
      <form method="post" action={withLang('/host/link', t)}>
        <p>
          <label for="host-email">{t.t('host.link.email')}</label>
          <br />
          <input
            id="host-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={254}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'host-email-error' : undefined}
          />
          {props.error ? (
            <span id="host-email-error" class="error-message">
              {' '}
              {props.error}
            </span>
          ) : null}
        </p>
        <button type="submit">{t.t('host.link.send')}</button>
      </form>
    </LinkShell>
  );
}
