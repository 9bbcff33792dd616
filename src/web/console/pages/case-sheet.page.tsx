import type { MessageKey } from '../../../i18n';
import { formatDateTime } from '../format';
import type { TimelineEntry } from '../request-timeline';
import { codeLabel, ConsoleLayout, type ConsoleView } from '../view';
import type { Labels } from './labels';
import { PRINT_CSS } from './print-css';
import { timelineText } from './request.page';
import { requestWhen } from '../../shell/schedule-text';
import type { RequestSchedule } from '../../../shared/schedule';

const RELATIONSHIPS: Record<string, MessageKey> = {
  relative: 'console.caseSheet.relationship.relative',
  neighbour: 'console.caseSheet.relationship.neighbour',
  'care-service': 'console.caseSheet.relationship.care-service',
  'legal-guardian': 'console.caseSheet.relationship.legal-guardian',
  other: 'console.caseSheet.relationship.other',
};

const NEEDS: Record<string, MessageKey> = {
  wheelchair: 'console.caseSheet.need.wheelchair',
  walker: 'console.caseSheet.need.walker',
  hearing: 'console.caseSheet.need.hearing',
  vision: 'console.caseSheet.need.vision',
  'easy-language': 'console.caseSheet.need.easy-language',
};

export interface CaseSheetData {
  request: {
    id: string;
    category: string;
    description: string;
    schedule: RequestSchedule;
    startsAt: Date | null;
    streetAddress: string | null;
    postalCode: string;
    district: string | null;
    urgency: string;
    status: string;
    outcome: string | null;
    createdAt: Date;
  };
  helpSeeker: {
    name: string;
    phone: string | null;
    email: string | null;
    streetAddress: string | null;
    postalCode: string;
    preferredContact: string;
    contactPersonName: string | null;
    contactPersonRelationship: string | null;
    contactPersonPhone: string | null;
    accessibilityNeeds: string[];
  } | null;
  volunteer: { id: string; name: string; phone: string | null; email: string } | null;
  timeline: TimelineEntry[];
}

/** One printable page with everything about a case: the request, the person, the volunteer, the history. */
export function CaseSheetPage(props: {
  view: ConsoleView;
  labels: Labels;
  data: CaseSheetData;
  printedAt: Date;
}) {
  const { view, labels, data } = props;
  const { t } = view;
  const { request, helpSeeker, volunteer } = data;
  return (
    <ConsoleLayout
      view={view}
      title={`${t.t('console.caseSheet.title')}: ${labels.category(request.category)}, ${request.district ?? ''}`}
      active="today"
      css={PRINT_CSS}
    >
      <p class="actions no-print">
        <a href={`/console/requests/${request.id}`}>{t.t('console.caseSheet.back')}</a>
        <span class="muted">{t.t('console.caseSheet.printHint')}</span>
      </p>
      <p class="muted">
        {t.t('console.caseSheet.printed', {
          at: formatDateTime(props.printedAt, t),
          name: view.staff?.name ?? '',
        })}
      </p>
      <section class="card" aria-labelledby="h-sheet-request">
        <h2 id="h-sheet-request">{t.t('console.request.title')}</h2>
        <dl>
          <dt>{t.t('console.request.category')}</dt>
          <dd>{labels.category(request.category)}</dd>
          <dt>{t.t('console.request.description')}</dt>
          <dd>{request.description}</dd>
          <dt>{t.t('console.request.when')}</dt>
          <dd id="sheet-when">{requestWhen(t, request)}</dd>
          <dt>{t.t('console.request.where')}</dt>
          <dd>
            {request.streetAddress ? `${request.streetAddress}, ` : ''}
            {request.postalCode} {request.district ?? ''}
          </dd>
          <dt>{t.t('console.request.urgency')}</dt>
          <dd>{codeLabel(t, request.urgency)}</dd>
          <dt>{t.t('console.request.status')}</dt>
          <dd>
            {codeLabel(t, request.status)}
            {request.outcome ? ` · ${codeLabel(t, request.outcome)}` : ''}
          </dd>
          <dt>{t.t('console.caseSheet.received')}</dt>
          <dd>{formatDateTime(request.createdAt, t)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-sheet-person">
        <h2 id="h-sheet-person">{t.t('console.request.helpSeeker')}</h2>
        {helpSeeker ? (
          <dl>
            <dt>{t.t('console.common.name')}</dt>
            <dd id="sheet-name">{helpSeeker.name}</dd>
            <dt>{t.t('console.request.contact')}</dt>
            <dd>
              {[helpSeeker.phone, helpSeeker.email].filter(Boolean).join(' · ') || '–'}
              <span class="muted"> ({codeLabel(t, helpSeeker.preferredContact)})</span>
            </dd>
            <dt>{t.t('console.caseSheet.address')}</dt>
            <dd>
              {helpSeeker.streetAddress ? `${helpSeeker.streetAddress}, ` : ''}
              {helpSeeker.postalCode}
            </dd>
            {helpSeeker.contactPersonName ? (
              <>
                <dt>{t.t('console.caseSheet.contactPerson')}</dt>
                <dd id="sheet-contact-person">
                  {helpSeeker.contactPersonName}
                  {helpSeeker.contactPersonRelationship && RELATIONSHIPS[helpSeeker.contactPersonRelationship]
                    ? ` (${t.t(RELATIONSHIPS[helpSeeker.contactPersonRelationship])})`
                    : ''}
                  {helpSeeker.contactPersonPhone ? ` · ${helpSeeker.contactPersonPhone}` : ''}
                </dd>
              </>
            ) : null}
            {helpSeeker.accessibilityNeeds.length > 0 ? (
              <>
                {/* Stored only with explicit consent (Art. 9 GDPR), so shown to staff. */}
                <dt>{t.t('console.caseSheet.needs')}</dt>
                <dd id="sheet-needs">
                  {helpSeeker.accessibilityNeeds
                    .map((need) => (NEEDS[need] ? t.t(NEEDS[need]) : need))
                    .join(', ')}
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p class="muted">{t.t('console.caseSheet.noHelpSeeker')}</p>
        )}
      </section>
      <section class="card" aria-labelledby="h-sheet-volunteer">
        <h2 id="h-sheet-volunteer">{t.t('console.caseSheet.volunteer')}</h2>
        {volunteer ? (
          <dl>
            <dt>{t.t('console.common.name')}</dt>
            <dd id="sheet-volunteer">
              <a href={`/console/volunteers/${volunteer.id}`}>{volunteer.name}</a>
            </dd>
            <dt>{t.t('console.request.contact')}</dt>
            <dd>{[volunteer.phone, volunteer.email].filter(Boolean).join(' · ')}</dd>
          </dl>
        ) : (
          <p class="muted">{t.t('console.caseSheet.noVolunteer')}</p>
        )}
      </section>
      <section class="card" aria-labelledby="h-sheet-timeline">
        <h2 id="h-sheet-timeline">{t.t('console.request.timeline')}</h2>
        <ol class="items" id="sheet-timeline">
          {data.timeline.map((entry, index) => (
            <li key={index}>
              <span>{timelineText(t, entry)}</span>
              <span class="muted">
                {formatDateTime(entry.at, t)}
                {entry.by ? ` · ${entry.by}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </ConsoleLayout>
  );
}
