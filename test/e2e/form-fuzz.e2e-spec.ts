import fc from 'fast-check';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { insertOpportunity, insertProject, insertProvider } from '../factories/opportunities.factory';
import { hostPageToken } from '../../src/web/host/host-links';
import { linkPagesFixture, LinkPageUrls } from '../helpers/link-fixtures';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Property-based fuzzing of every HTML form: urlencoded bodies made of the field names the pages
 * use (and others), with hostile values and repeated fields, posted to every public form, every
 * link page form and every console POST route (with a valid session and CSRF token). Whatever
 * comes in, the answer is never a 5xx.
 */

const SEED = 1516;
const RUNS_PER_ROUTE = 12;

/** Every field name the pages' forms use, plus nested and prototype-ish names. */
const FIELD_NAMES = [
  'active',
  'agreedByPhone',
  'attendance',
  'autoOffer',
  'availability',
  'awayUntil',
  'birthDate',
  'body',
  'category',
  'certificate',
  'confirm',
  'consent',
  'contactPerson',
  'date',
  'description',
  'district',
  'email',
  'end',
  'fields',
  'fieldsOfActivity',
  'healthConsent',
  'helpSeekerId',
  'inspectedOn',
  'lang',
  'language',
  'languages',
  'locale',
  'maxProposals',
  'maxTravelKm',
  'name',
  'neededLanguage',
  'needs',
  'next',
  'offerDelivery',
  'offerLeadHours',
  'offerResponseHours',
  'openingHours',
  'high.amount',
  'high.unit',
  'normal.amount',
  'low.unit',
  'password',
  'phone',
  'postalCode',
  'preferredContact',
  'preferredLanguage',
  'quietEnd',
  'quietStart',
  'reason',
  'role',
  'skill',
  'skills',
  'start',
  'status',
  'step',
  'streetAddress',
  'timeOfDay',
  'urgency',
  'volunteer',
  'website',
  'weekday',
  'weekly',
  // Closing a request (one or in bulk).
  'closing',
  'note',
  'mergeInto',
  'outcome',
  'reason',
  'ids',
  'action',
  'consent.dataProcessing',
  'helpSeeker.name',
  'schedule.date',
  'availability[0].weekday',
  '__proto__',
  'constructor',
  'toString',
  'volunteerId',
  // The request and help-seeker edit forms.
  'volunteerSummary',
  'neededSkills',
  'opportunityId',
  'stuckAfterDays.proposed',
  'followUpWeeks',
  'reviewHostSubmissions',
  'requiresCertificate',
  'requiresCertificateWas',
  'scheduleKind',
  'from',
  'slots',
  'salutation',
  'accessibilityNeeds',
  'healthDataConsent',
  'contactPersonName',
  'contactPersonRelationship',
  'contactPersonPhone',
  'back',
  // Phone intake and call-backs.
  'intent',
  'q',
  'searched',
  'providerId',
  'callBackId',
  'weekday0',
  'slotStart0',
  'slotEnd0',
  'weekday1',
  'onBehalf',
  'contactName',
  'contactRelationship',
  'contactPhone',
  'note',
  // Opportunities (console form and status actions).
  'title',
  'tasks',
  'remote',
  'timeKind',
  'slotStart1',
  'hoursPerWeek',
  'hoursPerMonth',
  'minCommitmentMonths',
  'places',
  'minimumAge',
  'hostOffers',
  'forNewcomers',
  'contactEmail',
  'projectId',
  'newProjectTitle',
  // The host page's forms.
  'submitAs',
  'slotEnd1',
  'littleGermanOk',
  'accessible',
  'publish',
  // The CSV import's forms (the upload itself is multipart; urlencoded posts to it must be 4xx).
  'kind',
  'sourceLabel',
  'encoding',
  'separator',
  'map.0',
  'map.1',
];

const hostile = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  'constructor',
  '__proto__',
  'toString',
  '1990-13-45',
  '2026-02-31',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'on',
  'true',
  '-1',
  '1e999',
  'NaN',
  '99999999999999999999',
  '22765',
  'admin',
  'x'.repeat(5000),
  `${'a'.repeat(3000)}@${'b'.repeat(3000)}`,
  'anna@example.org',
  '<script>alert(1)</script>',
  '\u202e\u0645\u0631\u062d\u0628\u0627 👩‍👩‍👧',
  '%00',
  '[]',
  '{}',
);

const value = fc.oneof(
  { arbitrary: hostile, weight: 3 },
  { arbitrary: fc.string({ maxLength: 60 }), weight: 1 },
);

const form = fc.array(
  fc.tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom(...FIELD_NAMES), weight: 5 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    value,
  ),
  { maxLength: 14 },
);

const idParam = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    'constructor',
    '1',
    '00000000-0000-0000-0000-000000000000',
    '%00',
    'x'.repeat(300),
  ),
  fc.uuid(),
);

describe('HTML form fuzzing: no urlencoded body gives a 5xx', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let cookie: string;
  let csrf: string;
  let urls: LinkPageUrls;
  let requestId: string;
  let providerId: string;
  let staffId: string;
  let seekerId: string;
  let callBackId: string;
  let opportunityId: string;
  let fitOpportunityId: string;
  let placementId: string;
  let hourEntryId: string;
  let hostToken: string;
  let hostOpportunityId: string;
  let hostProjectId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const admin = await createStaffUser(stack.dataSource, { role: 'admin' });
    const other = await createStaffUser(stack.dataSource);
    staffId = other.id;
    const token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    urls = await linkPagesFixture(stack, token, { postalCode: '22765' });
    const list = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token });
    requestId = (list.body.items ?? list.body)[0].id;
    const [seeker] = await stack.dataSource.query(`SELECT id FROM help_seeker LIMIT 1`);
    seekerId = seeker?.id ?? '00000000-0000-0000-0000-000000000000';
    const provider = await requestJson(stack.baseUrl, 'POST', '/api/staff/providers', {
      token,
      body: { name: 'Tafel Altona', contactPerson: 'Pia', email: 'pia@tafel.test', postalCode: '22765' },
    });
    providerId = provider.body.id ?? '00000000-0000-0000-0000-000000000000';
    await fetch(`${stack.baseUrl}/help/call-back`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Rita Rückruf',
        phone: '040 5551234',
        postalCode: '22765',
        consent: 'yes',
      }),
      redirect: 'manual',
    });
    const host = await insertProvider(stack.dataSource);
    const boardOpportunity = await insertOpportunity(stack.dataSource, host.id);
    hostToken = hostPageToken(stack.config.LINK_SECRET, host, new Date());
    hostOpportunityId = boardOpportunity.id;
    hostProjectId = (await insertProject(stack.dataSource, host.id, 'Fuzzprojekt')).id;
    const placement = await requestJson(stack.baseUrl, 'POST', '/api/staff/placements', {
      token,
      body: { volunteerId: urls.volunteerId, opportunityId: boardOpportunity.id },
    });
    placementId = placement.body.id ?? '00000000-0000-0000-0000-000000000000';
    const [callBack] = await stack.dataSource.query<{ id: string }[]>(
      `SELECT id FROM call_back_request LIMIT 1`,
    );
    callBackId = callBack?.id ?? '00000000-0000-0000-0000-000000000000';
    const opportunity = await requestJson(stack.baseUrl, 'POST', '/api/staff/opportunities', {
      token,
      body: {
        providerId,
        title: 'Hausaufgabenhilfe',
        description: 'Zwei Helfende für den Hausaufgabenclub.',
        fieldsOfActivity: ['BIL'],
        postalCode: '22765',
        timePattern: { kind: 'flexible', hoursPerWeek: 2 },
        places: 2,
      },
    });
    opportunityId = opportunity.body.id ?? '00000000-0000-0000-0000-000000000000';
    // A published one for the fit pages' "Vorschlagen" (the API's new ones are drafts).
    fitOpportunityId = providerId.startsWith('0000')
      ? providerId
      : (await insertOpportunity(stack.dataSource, providerId)).id;
    const [hourEntry] = await stack.dataSource.query<{ id: string }[]>(
      `INSERT INTO hour_entry (volunteer_id, worked_on, minutes, entered_by) VALUES ($1, CURRENT_DATE, 60, 'volunteer') RETURNING id`,
      [urls.volunteerId],
    );
    hourEntryId = hourEntry.id;
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** Path templates; `:id` is filled with a real id or a fuzzed one. */
  function routes(): Array<{ path: string; ids?: () => string[]; console?: boolean }> {
    const tokenOf = (url: string): string => url.split('/').pop()!;
    const selfService = tokenOf(urls.selfService);
    return [
      { path: '/help' },
      { path: '/help/call-back' },
      { path: '/help/easy' },
      { path: '/volunteer' },
      { path: '/provider' },
      { path: '/my-account' },
      { path: '/engagement/:id/interest' },
      { path: `/preferences/${selfService}` },
      { path: `/preferences/${selfService}/profile` },
      { path: '/preferences/:id' },
      { path: '/preferences/:id/profile' },
      { path: '/preferences/:id/delete' },
      { path: `/preferences/${selfService}/account-link` },
      { path: '/preferences/:id/account-link' },
      { path: '/preferences/:id/revoke-links' },
      { path: '/unsubscribe/:id' },
      { path: '/email-confirmations/:id' },
      { path: '/offers/:id' },
      { path: '/follow-ups/:id' },
      { path: '/drop-outs/:id' },
      { path: `/follow-ups/${tokenOf(urls.followUp)}` },
      { path: '/retention/:id' },
      { path: '/console/login' },
      { path: '/console/intake', console: true },
      { path: '/console/call-backs/:id/attempt', console: true, ids: () => [callBackId] },
      { path: '/console/requests/:id/propose', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/release', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/rematch', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/notes', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/called-back', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/override', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/agreed-by-phone', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/blocks', console: true, ids: () => [requestId] },
      { path: '/console/requests/:id/blocks/:id/remove', console: true, ids: () => [requestId] },
      { path: '/console/matches/:id/attendance', console: true, ids: () => [urls.matchId] },
      { path: '/console/requests/:id/drop-out', console: true, ids: () => [requestId] },
      { path: '/console/matches/:id/approve', console: true, ids: () => [urls.matchId] },
      { path: '/console/matches/:id/reject', console: true, ids: () => [urls.matchId] },
      { path: '/console/volunteers/:id', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/volunteers/:id/pause', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/volunteers/:id/certificate', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/volunteers/new', console: true },
      { path: '/console/placements/:id/stage', console: true, ids: () => [placementId] },
      { path: '/console/placements/:id/notes', console: true, ids: () => [placementId] },
      { path: '/console/volunteers/:id/placements', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/settings/placements', console: true },
      { path: '/console/settings/reports', console: true },
      { path: '/console/volunteers/:id/advisory-interviews', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/volunteers/:id/opportunities', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/opportunities/:id/volunteers', console: true, ids: () => [fitOpportunityId] },
      { path: '/console/providers', console: true },
      { path: '/console/providers/:id', console: true, ids: () => [providerId] },
      { path: '/console/providers/:id/approve', console: true, ids: () => [providerId] },
      { path: '/console/settings/matching', console: true },
      { path: '/console/settings/staff', console: true },
      { path: '/console/settings/staff/:id/role', console: true, ids: () => [staffId] },
      { path: '/console/settings/agency', console: true },
      { path: '/console/settings/urgency', console: true },
      { path: '/console/settings/retention', console: true },
      { path: '/console/settings/export', console: true },
      { path: '/console/settings/staff/:id/deactivate', console: true, ids: () => [staffId] },
      { path: '/console/settings/staff/:id/reactivate', console: true, ids: () => [staffId] },
      { path: '/console/settings/staff/:id/password-reset', console: true, ids: () => [staffId] },
      { path: '/console/login/code', console: true },
      { path: '/console/password-reset' },
      { path: '/console/password-reset/:id' },
      { path: '/console/set-password' },
      // The fuzzer cannot know its password or a code, so these refuse; still they touch its own account.
      { path: '/console/account/password', console: true },
      { path: '/console/account/two-factor', console: true },
      { path: '/console/account/two-factor/confirm', console: true },
      { path: '/console/account/two-factor/disable', console: true },
      { path: '/console/requests/:id/edit', console: true, ids: () => [requestId] },
      { path: '/console/help-seekers/:id/edit', console: true, ids: () => [seekerId] },
      { path: '/console/opportunities/new', console: true },
      { path: '/console/opportunities/:id/edit', console: true, ids: () => [opportunityId] },
      { path: '/console/opportunities/:id/actions', console: true, ids: () => [opportunityId] },
      { path: `/host/${hostToken}/opportunities/new` },
      { path: `/host/${hostToken}/opportunities/:id/edit`, ids: () => [hostOpportunityId] },
      { path: `/host/${hostToken}/projects/new` },
      { path: `/host/${hostToken}/projects/:id/edit`, ids: () => [hostProjectId] },
      { path: '/host/:id/opportunities/new' },
      { path: '/console/providers/:id/host-link', console: true, ids: () => [providerId] },
      { path: `/preferences/${selfService}/hours` },
      { path: `/preferences/${selfService}/hours/as-usual` },
      { path: '/preferences/:id/hours' },
      { path: '/console/hours/approve', console: true },
      { path: '/console/hours/:id/approve', console: true, ids: () => [hourEntryId] },
      { path: '/console/hours/:id/correct', console: true, ids: () => [hourEntryId] },
      { path: '/console/hours/:id/reject', console: true, ids: () => [hourEntryId] },
      { path: '/console/volunteers/:id/hours', console: true, ids: () => [urls.volunteerId] },
      { path: '/console/settings/hours', console: true },
      // CSV import: the upload form is multipart (file + CSRF); fuzzed urlencoded posts carry no
      // file and must be refused with a 4xx. test/e2e/import.e2e-spec.ts posts real files.
      { path: '/console/import', console: true },
      { path: '/console/import/:id/dry-run', console: true },
      { path: '/console/import/:id/start', console: true },
      // Late: closing may end the request the routes above still use.
      { path: '/console/requests/:id/close', console: true, ids: () => [requestId] },
      { path: '/console/requests/bulk', console: true },
      // Late: revoking kills the fixture's links, which the routes above still use.
      { path: '/console/volunteers/:id/revoke-links', console: true, ids: () => [urls.volunteerId] },
      { path: `/preferences/${selfService}/revoke-links` },
      { path: '/console/providers/:id/host-link/revoke', console: true, ids: () => [providerId] },
      // Last: requiring two-factor restricts the fuzzer's own session to enrolment.
      { path: '/console/settings/staff/security', console: true },
    ];
  }

  it('answers a non-UUID id in a console route or form field with a 4xx', async () => {
    const send = async (
      method: string,
      path: string,
      fields: Record<string, string> = {},
    ): Promise<number> => {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: method === 'POST' ? new URLSearchParams({ _csrf: csrf, ...fields }) : undefined,
        redirect: 'manual',
      });
      await response.text();
      return response.status;
    };
    const statuses = [
      await send('GET', '/console/requests/not-a-uuid'),
      await send('GET', '/console/volunteers/constructor'),
      await send('POST', '/console/volunteers/not-a-uuid', { name: 'Vera' }),
      await send('POST', '/console/requests/1/notes', { body: 'Notiz' }),
      await send('POST', '/console/intake', { helpSeekerId: 'not-a-uuid' }),
      await send('POST', `/console/requests/${requestId}/propose`, { volunteer: 'not-a-uuid' }),
    ];
    for (const status of statuses) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });

  it('answers every fuzzed form post without a 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const id = route.ids ? fc.oneof(fc.constantFrom(...route.ids()), idParam) : idParam;
      await fc
        .assert(
          fc.asyncProperty(form, id, fc.boolean(), async (fields, idValue, withCsrf) => {
            const path = route.path.replace(':id', encodeURIComponent(idValue));
            const body = new URLSearchParams();
            if (route.console && withCsrf) {
              body.append('_csrf', csrf);
            }
            for (const [name, v] of fields) {
              body.append(name, v);
            }
            const response = await fetch(`${stack.baseUrl}${path}`, {
              method: 'POST',
              headers: {
                ...(route.console ? { cookie } : {}),
                'content-type': 'application/x-www-form-urlencoded',
              },
              body,
              redirect: 'manual',
            });
            const text = await response.text();
            if (response.status >= 500) {
              failures.push(
                `POST ${path.slice(0, 200)} -> ${response.status}: ${text.slice(0, 200)}\n  form: ${body.toString().slice(0, 400)}`,
              );
              return false;
            }
            return true;
          }),
          { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    // ~100 routes × 12 bodies: close to a minute on a busy machine.
  }, 180_000);
});
