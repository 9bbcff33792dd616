import { translator } from '../../../i18n';
import { DEFAULT_TAXONOMY } from '../../../taxonomy/default-taxonomy';
import { renderPage } from '../../shell/render';
import { safeNext } from '../console-exception.filter';
import type { TimelineEntry } from '../request-timeline';
import { ConsoleLayout, type ConsoleView } from '../view';
import { inPageOrder, intakeToDto, readIntakeForm, EMPTY_INTAKE } from './intake.page';
import { labelsFor } from './labels';
import { MailPage, type OutboxRow } from './mail.page';
import { ProviderListPage, type ProviderRow } from './providers.page';
import { RequestPage, type CandidateRow, type RequestPageData } from './request.page';
import { TodayPage } from './today.page';
import type { TodayOverview } from '../today.queries';
import type { SinkMessageSummary } from '../../../notifications/mail-sink';
import { DEFAULT_URGENCY_SETTINGS } from '../../../settings/urgency-settings';

const view = (overrides: Partial<ConsoleView> = {}): ConsoleView => ({
  t: translator('de', 'staff'),
  staff: { name: 'Kim <Koordination>', role: 'coordinator' },
  csrf: 'token-123',
  path: '/console/volunteers?language=tr',
  ...overrides,
});
const labels = labelsFor(DEFAULT_TAXONOMY, translator('de', 'staff'));
const layout = (v: ConsoleView) => renderPage(<ConsoleLayout view={v} title="T" />);
const renderRequestPage = (v: ConsoleView, _labels: typeof labels, data: RequestPageData) =>
  renderPage(<RequestPage view={v} labels={_labels} data={data} />);
const renderTodayPage = (v: ConsoleView, _labels: typeof labels, today: TodayOverview, now: Date) =>
  renderPage(
    <TodayPage view={v} labels={_labels} today={today} urgency={DEFAULT_URGENCY_SETTINGS} now={now} />,
  );
const renderMailPage = (v: ConsoleView, outbox: OutboxRow[], sink: SinkMessageSummary[] | null) =>
  renderPage(<MailPage view={v} outbox={outbox} sink={sink} />);
const renderProviderListPage = (v: ConsoleView, _labels: typeof labels, providers: ProviderRow[]) =>
  renderPage(<ProviderListPage view={v} labels={_labels} providers={providers} />);

const breakdown = Object.fromEntries(
  ['skills', 'distance', 'availability', 'language', 'continuity', 'fairness', 'responsiveness'].map(
    (criterion) => [
      criterion,
      {
        applicable: true,
        fit: 1,
        weight: 1 / 7,
        points: 14.3,
        explanation: { de: `${criterion} passt`, en: `${criterion} fits` },
      },
    ],
  ),
) as CandidateRow['breakdown'];

const candidate = (rank: number, status: string): CandidateRow => ({
  id: `match-${rank}`,
  rank,
  score: 90 - rank,
  distanceKm: rank,
  status,
  breakdown,
  volunteer: { id: `volunteer-${rank}`, name: `Freiwillige ${rank}`, district: 'Ottensen' },
});

const requestData = (matches: CandidateRow[]): RequestPageData => ({
  request: {
    id: 'request-1',
    category: 'shopping',
    description: 'Einkauf <b>bitte</b>',
    schedule: { kind: 'one-off', date: '2026-11-24', start: '10:00', end: '11:00' },
    status: 'proposals-ready',
    urgency: 'high',
    source: 'phone-intake',
    district: 'Ottensen',
    postalCode: '22765',
    streetAddress: 'Große Bergstraße 189',
  },
  helpSeeker: {
    id: '6f0c1c57-2a0f-4c1e-9a55-0d5c1f6a7a10',
    name: 'Erika Muster',
    phone: '040 1234567',
    email: null,
    streetAddress: 'Große Bergstraße 189',
    preferredContact: 'phone',
    preferredLanguage: 'de',
  },
  provider: null,
  consents: [
    {
      purpose: 'data-processing',
      mode: 'oral',
      givenAt: new Date('2026-11-20T09:00:00Z'),
      recordedBy: 'Kim',
    },
  ],
  exclusionSummary: [],
  matches,
  timeline: [],
});

describe('console pages', () => {
  it('should show the settings only to admins and escape what staff typed', () => {
    const coordinator = layout(view());
    // Coordinators see the agency profile (read-only), not the admin settings.
    expect(coordinator).not.toContain('href="/console/settings"');
    expect(coordinator).toContain('href="/console/settings/agency"');
    expect(coordinator).toContain('Kim &lt;Koordination>');
    const admin = layout(view({ staff: { name: 'Ada', role: 'admin' } }));
    expect(admin).toContain('href="/console/settings"');
  });

  it('should switch the language on the same page and keep its filters', () => {
    const html = layout(view());
    expect(html).toContain('href="/console/volunteers?language=tr&amp;lang=en"');
    expect(html).toContain('<html lang="de" dir="ltr">');
  });

  it('should offer approve and reject for proposals, each form with the CSRF token', () => {
    const html = renderRequestPage(
      view(),
      labels,
      requestData([candidate(1, 'proposed'), candidate(2, 'proposed')]),
    );
    expect(html).toContain('action="/console/matches/match-1/approve"');
    expect(html).toContain('action="/console/matches/match-2/reject"');
    expect(html.match(/name="_csrf" value="token-123"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('Einkauf &lt;b>bitte&lt;/b>');
    expect(html).toContain('040 1234567');
    expect(html).toContain('mündlich, aufgenommen von Kim');
    expect(html).toContain('Speicherung der Daten:');
    expect(html).not.toContain('data-processing');
    expect(html).toContain('distance passt');
    expect(html).toContain('1,0 km');
  });

  it('should write km, scores and the date needed in the page language', () => {
    const data = requestData([candidate(1, 'proposed')]);
    const de = renderRequestPage(view(), labels, {
      ...data,
      matches: [{ ...candidate(1, 'proposed'), distanceKm: 3.34, score: 84.56 }],
    });
    const enView = view({ t: translator('en', 'staff') });
    const en = renderRequestPage(enView, labelsFor(DEFAULT_TAXONOMY, enView.t), {
      ...data,
      matches: [{ ...candidate(1, 'proposed'), distanceKm: 3.34, score: 84.56 }],
    });
    expect(de).toContain('3,3 km');
    expect(de).toContain('84,6');
    expect(de).toContain('einmalig: Di., 24.11.2026, 10:00–11:00 Uhr');
    expect(en).toContain('3.3 km');
    expect(en).toContain('84.6');
    expect(en).toContain('once: Tue, 24/11/2026, 10:00–11:00');
  });

  it('should not offer a second approval while a volunteer is being asked', () => {
    const html = renderRequestPage(
      view(),
      labels,
      requestData([candidate(1, 'offered'), candidate(2, 'proposed')]),
    );
    expect(html).not.toContain('/approve"');
    expect(html).toContain('action="/console/matches/match-2/reject"');
  });

  it('should list what waits longest with its waiting time and the rule that excluded most', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const html = renderTodayPage(
      view(),
      labels,
      {
        sections: [
          {
            key: 'noEligible',
            items: [
              {
                requestId: 'r1',
                category: 'interpreting',
                district: 'Altona-Nord',
                since: new Date('2026-11-19T09:00:00Z'),
                detail: { de: '5 × spricht die benötigte Sprache nicht', en: '5 × lacks the language' },
              },
            ],
          },
          {
            key: 'callBack',
            items: [{ requestId: 'r2', category: 'shopping', district: 'Ottensen', since: now }],
          },
        ],
        districts: [{ district: 'Ottensen', count: 3 }],
      },
      now,
    );
    expect(html).toContain('Sprachbegleitung · Altona-Nord');
    expect(html).toContain('wartet seit 2 Tg. 3 Std.');
    expect(html).toContain('meist ausgeschlossen: 5 × spricht die benötigte Sprache nicht');
    expect(html).toContain('action="/console/requests/r2/called-back"');
  });

  it('should turn the intake form into the phone-intake body, leaving out empty optional fields', () => {
    const form = readIntakeForm({
      ...EMPTY_INTAKE,
      name: ' Erika ',
      phone: '040 1',
      postalCode: '22765',
      category: 'shopping',
      description: 'Einkauf',
      date: '2026-11-24',
      consent: 'yes',
      email: ['not', 'a string'],
    });
    expect(intakeToDto(form)).toEqual({
      category: 'shopping',
      description: 'Einkauf',
      volunteerSummary: undefined,
      postalCode: '22765',
      neededLanguage: undefined,
      neededSkills: undefined,
      requiresCertificate: undefined,
      urgency: 'normal',
      schedule: { kind: 'one-off', date: '2026-11-24', start: '10:00', end: '11:00' },
      helpSeeker: {
        salutation: 'none',
        name: 'Erika',
        phone: '040 1',
        email: undefined,
        streetAddress: undefined,
        preferredContact: 'phone',
        preferredLanguage: 'de',
        accessibilityNeeds: undefined,
        contactPerson: undefined,
      },
      consent: { dataProcessing: true, healthData: undefined },
    });
  });

  it('should list the intake problems in the order of the page', () => {
    const fields = (names: string[]) => names.map((field) => ({ field, message: 'x' }));
    expect(
      inPageOrder(
        fields([
          'consent.dataProcessing',
          'helpSeeker.phone',
          'schedule.slots.0.start',
          'category',
          'helpSeeker.name',
        ]),
      ).map((problem) => problem.field),
    ).toEqual([
      'helpSeeker.name',
      'helpSeeker.phone',
      'category',
      'schedule.slots.0.start',
      'consent.dataProcessing',
    ]);
  });

  it('should read weekly rows (filled ones, in order), a contact person, needs with consent and the eFZ choice', () => {
    const form = readIntakeForm({
      ...EMPTY_INTAKE,
      scheduleKind: 'weekly',
      from: '2026-12-08',
      weekday0: '',
      weekday1: '2',
      slotStart1: '09:00',
      slotEnd1: '12:00',
      weekday3: '4',
      slotStart3: '14:00',
      slotEnd3: '16:00',
      onBehalf: 'yes',
      contactName: ' Jana ',
      contactRelationship: 'relative',
      contactPhone: '040 2',
      needs: ['wheelchair', 'hearing'],
      healthConsent: 'yes',
      certificate: 'yes',
      skills: 'visiting',
    });
    expect(intakeToDto(form)).toMatchObject({
      schedule: {
        kind: 'weekly',
        from: '2026-12-08',
        slots: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 4, start: '14:00', end: '16:00' },
        ],
      },
      neededSkills: ['visiting'],
      requiresCertificate: true,
      helpSeeker: {
        accessibilityNeeds: ['wheelchair', 'hearing'],
        contactPerson: { name: 'Jana', relationship: 'relative', phone: '040 2' },
      },
      consent: { dataProcessing: false, healthData: true },
    });
  });
});

describe('the mail page', () => {
  const outbox = [
    {
      id: 'n1',
      kind: 'volunteer-offer',
      recipient: 'jonas@example.org',
      status: 'undeliverable',
      attempts: 1,
      lastError: '550 <mailbox> unknown',
      createdAt: new Date('2026-11-20T09:00:00Z'),
      sentAt: null,
      requestId: 'r1',
    },
  ];

  it('should show the outbox with each status, and the mail sink only in demo mode', () => {
    const withoutSink = renderMailPage(view(), outbox, null);
    expect(withoutSink).toContain('unzustellbar');
    expect(withoutSink).toContain('550 &lt;mailbox> unknown');
    expect(withoutSink).toContain('href="/console/requests/r1"');
    expect(withoutSink).not.toContain('Demo-Postfach');
    const withSink = renderMailPage(view(), outbox, [
      {
        id: '2026-11-20T09-00-00.000Z-1a2b3c4d.eml',
        date: new Date('2026-11-20T09:00:00Z'),
        from: 'noreply@nahbar.localhost',
        to: 'jonas@example.org',
        subject: 'Anfrage: Einkaufshilfe',
        messageId: null,
      },
    ]);
    expect(withSink).toContain('Demo-Postfach');
    expect(withSink).toContain('href="/demo/mail/2026-11-20T09-00-00.000Z-1a2b3c4d.eml"');
  });
});

describe('console redirects', () => {
  it('should only send people back to console pages of this site after login', () => {
    expect(safeNext('/console/requests/1?done=x')).toBe('/console/requests/1?done=x');
    expect(safeNext('/console')).toBe('/console');
    expect(safeNext('https://evil.example/console')).toBe('/console');
    expect(safeNext('//evil.example/console')).toBe('/console');
    expect(safeNext('/consoleevil')).toBe('/console');
    expect(safeNext(['/console/x'])).toBe('/console');
  });
});

describe('renderProviderListPage', () => {
  const provider = (id: string, reviewStatus: 'pending' | 'approved', active: boolean) => ({
    id,
    name: `Träger ${id}`,
    contactPerson: 'Frau Muster',
    email: `${id}@example.org`,
    phone: null,
    postalCode: '22765',
    streetAddress: '',
    district: 'Ottensen',
    fieldsOfActivity: [],
    active,
    reviewStatus,
  });

  it('should offer approval for a provider from the public sign-up, and only for it', () => {
    const html = renderProviderListPage(view(), labels, [
      provider('a', 'pending', false),
      provider('b', 'approved', true),
    ]);
    expect(html.match(/action="\/console\/providers\/[ab]\/approve"/g)).toEqual([
      'action="/console/providers/a/approve"',
    ]);
    expect(html).toContain('wartet auf Prüfung');
    expect(html).toContain('name="_csrf" value="token-123"');
  });
});

describe('the request timeline', () => {
  it('should put every code in words, never show it raw', () => {
    const at = new Date('2026-11-20T09:00:00Z');
    const timeline: TimelineEntry[] = [
      { at, event: { kind: 'audit', action: 'help-request.released', volunteer: null }, by: 'Kim' },
      { at, event: { kind: 'audit', action: 'match.rejected', volunteer: 'Jonas' }, by: 'Kim' },
      { at, event: { kind: 'audit', action: 'something.new', volunteer: null }, by: null },
      { at, event: { kind: 'proposed', volunteer: 'Jonas', score: 81.25 }, by: null },
      {
        at,
        event: { kind: 'mail', mailKind: 'volunteer-offer', recipient: 'j@example.org', status: 'failed' },
        by: null,
      },
      { at, event: { kind: 'note', body: '<script>alert(1)</script>' }, by: 'Kim' },
    ];
    const html = renderRequestPage(view(), labels, { ...requestData([]), timeline });
    const text = html.slice(html.indexOf('id="timeline"'));
    expect(text).toContain('Geprüft, Suche gestartet');
    expect(text).toContain('Vorschlag abgelehnt: Jonas');
    expect(text).toContain('Sonstiger Eintrag');
    expect(text).toContain('Vorgeschlagen: Jonas (81,3 Punkte)');
    expect(text).toContain('Anfrage an Freiwillige an j@example.org: aufgegeben');
    expect(text).toContain('Notiz: &lt;script>alert(1)&lt;/script>');
    expect(text).not.toMatch(/help-request\.|match\.rejected|something\.new|volunteer-offer/);
  });

  it('should name the help-seeker’s language in words, and keep a code it does not know', () => {
    const data = requestData([]);
    const withLanguage = (code: string) =>
      renderRequestPage(view(), labels, {
        ...data,
        helpSeeker: { ...data.helpSeeker!, preferredLanguage: code },
      });
    expect(withLanguage('tr')).toContain('Telefon, Türkisch');
    expect(withLanguage('xq')).toContain('Telefon, xq');
  });

  it('should speak English with ?lang=en', () => {
    const en = translator('en', 'staff');
    const timeline: TimelineEntry[] = [
      {
        at: new Date(),
        event: { kind: 'audit', action: 'help-request.released', volunteer: null },
        by: null,
      },
    ];
    const html = renderRequestPage(view({ t: en }), labelsFor(DEFAULT_TAXONOMY, en), {
      ...requestData([]),
      timeline,
    });
    expect(html).toContain('Reviewed, search started');
    expect(html).toContain('<html lang="en" dir="ltr">');
  });
});
