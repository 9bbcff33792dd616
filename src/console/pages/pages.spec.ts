import { DEFAULT_TAXONOMY } from '../../taxonomy/default-taxonomy';
import { safeNext } from '../console-exception.filter';
import { resolveLang, translator } from '../i18n';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import type { ConsoleView } from '../view';
import { consoleLayout } from '../view';
import { intakeToDto, readIntakeForm, EMPTY_INTAKE } from './intake.page';
import { labelsFor } from './labels';
import { renderMailPage } from './mail.page';
import { renderProviderListPage } from './providers.page';
import { renderRequestPage, type CandidateRow, type RequestPageData } from './request.page';
import { renderTodayPage } from './today.page';

const view = (overrides: Partial<ConsoleView> = {}): ConsoleView => ({
  lang: 'de',
  t: translator('de'),
  staff: { name: 'Kim <Koordination>', role: 'coordinator' },
  csrf: 'token-123',
  path: '/console/volunteers?language=tr',
  ...overrides,
});
const labels = labelsFor(DEFAULT_TAXONOMY, 'de');

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
    const coordinator = consoleLayout(view(), { title: 'T', body: '' });
    expect(coordinator).not.toContain('/console/settings');
    expect(coordinator).toContain('Kim &lt;Koordination&gt;');
    const admin = consoleLayout(view({ staff: { name: 'Ada', role: 'admin' } }), { title: 'T', body: '' });
    expect(admin).toContain('href="/console/settings"');
  });

  it('should switch the language on the same page and keep its filters', () => {
    const html = consoleLayout(view(), { title: 'T', body: '' });
    expect(html).toContain('href="/console/volunteers?language=tr&amp;lang=en"');
    expect(html).toContain('<html lang="de">');
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
    expect(html).toContain('Einkauf &lt;b&gt;bitte&lt;/b&gt;');
    expect(html).toContain('040 1234567');
    expect(html).toContain('mündlich, aufgenommen von Kim');
    expect(html).toContain('distance passt');
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
      postalCode: '22765',
      neededLanguage: undefined,
      urgency: 'normal',
      schedule: { kind: 'one-off', date: '2026-11-24', start: '10:00', end: '11:00' },
      helpSeeker: {
        name: 'Erika',
        phone: '040 1',
        email: undefined,
        streetAddress: undefined,
        preferredContact: 'phone',
        preferredLanguage: 'de',
      },
      consent: { dataProcessing: true },
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
    expect(withoutSink).toContain('550 &lt;mailbox&gt; unknown');
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

describe('console i18n and redirects', () => {
  it('should have every German text in English too', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    expect(Object.values(en).every((text) => text.length > 0)).toBe(true);
  });

  it('should take ?lang= over the cookie and fall back to German', () => {
    expect(resolveLang('en', 'de')).toEqual({ lang: 'en', remember: true });
    expect(resolveLang(undefined, 'en')).toEqual({ lang: 'en', remember: false });
    expect(resolveLang('fr', 'xx')).toEqual({ lang: 'de', remember: false });
  });

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
