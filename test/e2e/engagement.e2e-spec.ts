import {
  DISTANCE_SEARCH_SETTING,
  OpportunitySearchService,
  usesDistance,
} from '../../src/engagement/opportunity-search.service';
import { Opportunity } from '../../src/opportunities/opportunity.entity';
import { Placement } from '../../src/placements/placement.entity';
import { PlacementEvent } from '../../src/placements/placement-event.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { messagesTo } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Issue 13, public side: the opportunity search (filters, distance, only published, 400s), the
 * opportunity page, "Ich interessiere mich" (new and registered addresses alike, once), the partner
 * feed with ETags, and the Engagement-Plattform CSV export.
 */
describe('public opportunity search, interest, feed and export', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let ottensen: Opportunity;
  let bergedorf: Opportunity;
  let remote: Opportunity;
  let draft: Opportunity;

  const titlesOf = (html: string): string[] =>
    [...html.matchAll(/<h3><a href="\/engagement\/[0-9a-f-]{36}[^"]*">([^<]+)<\/a><\/h3>/g)].map((m) =>
      m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    );
  const search = async (query: string) => requestPage(`${stack.baseUrl}/engagement${query}`);

  const postForm = (path: string, fields: Record<string, string>) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const host = await insertProvider(stack.dataSource, { name: 'Seniorentreff Ottensen' });
    ottensen = await insertOpportunity(stack.dataSource, host.id, {
      title: 'Spielenachmittag begleiten',
      contactName: 'Frau Jansen',
      contactEmail: 'jansen.privat@example.org',
      contactPhone: '0171 999999',
    });
    bergedorf = await insertOpportunity(stack.dataSource, host.id, {
      title: 'Lesepatenschaft Bergedorf',
      fieldsOfActivity: ['BIL'],
      postalCode: '21029',
      latitude: 53.4877,
      longitude: 10.2149,
      district: 'Bergedorf',
      timePattern: { kind: 'weekly', slots: [{ weekday: 3, start: '10:00', end: '12:00' }] },
      languages: ['tr'],
      forNewcomers: false,
      littleGermanOk: true,
      accessible: false,
    });
    remote = await insertOpportunity(stack.dataSource, host.id, {
      title: '=HYPERLINK("http://evil.example") Telefonpatenschaft',
      fieldsOfActivity: ['DIG'],
      remote: true,
      postalCode: null,
      latitude: null,
      longitude: null,
      district: null,
      streetAddress: null,
      timePattern: { kind: 'flexible', hoursPerWeek: 2 },
      forNewcomers: false,
    });
    draft = await insertOpportunity(stack.dataSource, host.id, {
      title: 'Entwurf Ottensen',
      status: 'draft',
    });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should list only published opportunities, with host, place or "ortsunabhängig", time and field', async () => {
    const { status, html } = await search('');
    expect(status).toBe(200);
    const titles = titlesOf(html);
    expect(titles).toHaveLength(3);
    expect(titles).not.toContain(draft.title);
    expect(html).toContain('bei Seniorentreff Ottensen');
    expect(html).toContain('ortsunabhängig');
    expect(html).toContain('Dienstag, 15:00–17:00 Uhr');
    expect(html).toContain('Bildung &amp; Lernen');
  });

  it('should find places within the chosen distance of a postal code, nearest first, without remote ones', async () => {
    expect(titlesOf((await search('?postalCode=22765&km=5')).html)).toEqual([ottensen.title]);
    const wide = await search('?postalCode=22765&km=25');
    expect(titlesOf(wide.html)).toEqual([ottensen.title, bergedorf.title]);
    expect(wide.html).toMatch(/km entfernt/);
  });

  it('should filter by weekday (flexible hours fit any day), remote, language, suitability, field and district', async () => {
    expect(titlesOf((await search('?weekday=3')).html).sort()).toEqual(
      [bergedorf.title, remote.title].sort(),
    );
    expect(titlesOf((await search('?remote=yes')).html)).toEqual([remote.title]);
    expect(titlesOf((await search('?language=tr')).html)).toEqual([bergedorf.title]);
    expect(titlesOf((await search('?newcomers=yes&accessible=yes')).html)).toEqual([ottensen.title]);
    expect(titlesOf((await search('?littleGerman=yes')).html)).toEqual([bergedorf.title]);
    expect(titlesOf((await search('?field=BIL')).html)).toEqual([bergedorf.title]);
    expect(titlesOf((await search('?district=Ottensen')).html)).toEqual([ottensen.title]);
  });

  it('should answer 400 naming the filter for a value that names nothing', async () => {
    for (const [query, label] of [
      ['?field=NOPE', 'Tätigkeitsfeld'],
      ['?km=7&postalCode=22765', 'Umkreis'],
      ['?weekday=8', 'Wochentag'],
      ['?district=Atlantis', 'Stadtteil'],
      ['?postalCode=00000', 'Postleitzahl'],
      ['?remote=maybe', 'Nur ortsunabhängig'],
      ['?page=0', 'Seite'],
    ]) {
      const { status, html } = await search(query);
      expect([query, status]).toEqual([query, 400]);
      expect(html).toContain(label);
    }
    const english = await search('?field=NOPE&lang=en');
    expect(english.status).toBe(400);
    expect(english.html).toContain('Field of activity');
  });

  it('should show a published opportunity without the host staff’s own email or phone, and 404 otherwise', async () => {
    const { status, html } = await requestPage(`${stack.baseUrl}/engagement/${ottensen.id}`);
    expect(status).toBe(200);
    expect(html).toContain('Spielenachmittag begleiten');
    expect(html).toContain('Ansprechperson vor Ort: Frau Jansen');
    expect(html).toContain('Einarbeitung');
    expect(html).not.toContain('jansen.privat@example.org');
    expect(html).not.toContain('0171 999999');
    expect((await requestPage(`${stack.baseUrl}/engagement/${draft.id}`)).status).toBe(404);
    expect((await requestPage(`${stack.baseUrl}/engagement/not-an-id`)).status).toBe(404);
  });

  it('should refuse an incomplete interest form with its problems next to the fields, keep the values and store nothing', async () => {
    const before = await stack.dataSource.getRepository(Volunteer).count();
    const response = await postForm(`/engagement/${ottensen.id}/interest`, {
      name: 'Ida Interessiert',
      email: 'not-an-email',
      postalCode: '2276',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('E-Mail-Adresse an wie name@beispiel.de');
    expect(html).toContain('Bitte stimmen Sie zu');
    expect(html).toContain('value="Ida Interessiert"');
    expect(await stack.dataSource.getRepository(Volunteer).count()).toBe(before);
    expect(await stack.dataSource.getRepository(Placement).count()).toBe(0);
  });

  it('should sign a new person up (double opt-in email) and open one placement at "interested", however often they send', async () => {
    const fields = {
      name: 'Ida Interessiert',
      email: 'ida@example.org',
      phone: '040 123456',
      postalCode: '22765',
      note: 'Ich spiele gern Skat.',
      consent: 'yes',
    };
    const first = await postForm(`/engagement/${ottensen.id}/interest`, fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/engagement/${ottensen.id}/thanks?lang=de`);
    const again = await postForm(`/engagement/${ottensen.id}/interest`, fields);
    expect(again.status).toBe(303);

    const volunteer = await stack.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ email: 'ida@example.org' });
    expect(volunteer.status).toBe('pending');
    expect(volunteer.emailConfirmedAt).toBeNull();
    const placements = await stack.dataSource.getRepository(Placement).findBy({ volunteerId: volunteer.id });
    expect(placements).toHaveLength(1);
    expect(placements[0]).toMatchObject({
      opportunityId: ottensen.id,
      stage: 'interested',
      source: 'public-interest',
    });
    const events = await stack.dataSource
      .getRepository(PlacementEvent)
      .findBy({ placementId: placements[0].id });
    expect(events.map((event) => event.note)).toEqual(['Ich spiele gern Skat.']);

    const mail = await eventually('the confirmation email', () =>
      Promise.resolve(
        messagesTo(smtp.messages, 'ida@example.org').find((m) => /bestätigen/.test(m.subject ?? '')),
      ),
    );
    expect(mail.subject).toContain('bestätigen');

    const thanks = await requestPage(`${stack.baseUrl}/engagement/${ottensen.id}/thanks`);
    expect(thanks.html).toContain('Beratungsgespräch');
  });

  it('should link a registered address without saying so: same answer, a placement, no second account', async () => {
    const known = await insertVolunteer(stack.dataSource, { email: 'bekannt@example.org' });
    const response = await postForm(`/engagement/${bergedorf.id}/interest`, {
      name: 'Jemand Anderes',
      email: 'bekannt@example.org',
      postalCode: '21029',
      consent: 'yes',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/engagement/${bergedorf.id}/thanks?lang=de`);
    expect(await stack.dataSource.getRepository(Volunteer).countBy({ email: 'bekannt@example.org' })).toBe(1);
    const reloaded = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: known.id });
    expect(reloaded.name).toBe(known.name); // nothing about the account changed from the public form
    const placements = await stack.dataSource.getRepository(Placement).findBy({ volunteerId: known.id });
    expect(placements.map((placement) => [placement.opportunityId, placement.stage])).toEqual([
      [bergedorf.id, 'interested'],
    ]);
    const mail = await eventually('an email to the registered address', () =>
      Promise.resolve(messagesTo(smtp.messages, 'bekannt@example.org')[0]),
    );
    expect(mail.subject ?? '').not.toContain('bestätigen');
  });

  it('should take a filled honeypot for a bot: the usual thank-you, nothing stored', async () => {
    const response = await postForm(`/engagement/${ottensen.id}/interest`, {
      name: 'Bot',
      email: 'bot@example.org',
      postalCode: '22765',
      consent: 'yes',
      website: 'http://spam.example',
    });
    expect(response.status).toBe(303);
    expect(await stack.dataSource.getRepository(Volunteer).countBy({ email: 'bot@example.org' })).toBe(0);
  });

  it('should serve the feed of published opportunities with an ETag, 304 on a match, and no host staff contacts', async () => {
    const response = await fetch(`${stack.baseUrl}/api/public/opportunities`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const body = (await response.json()) as { items: { id: string; contact: Record<string, unknown> }[] };
    expect(body.items.map((item) => item.id).sort()).toEqual([ottensen.id, bergedorf.id, remote.id].sort());
    const text = JSON.stringify(body);
    expect(text).not.toContain('jansen.privat@example.org');
    expect(text).not.toContain('0171 999999');
    expect(body.items.find((item) => item.id === ottensen.id)?.contact).toMatchObject({
      name: 'Frau Jansen',
    });

    const cached = await fetch(`${stack.baseUrl}/api/public/opportunities`, {
      headers: { 'If-None-Match': etag! },
    });
    expect(cached.status).toBe(304);
    const later = await fetch(
      `${stack.baseUrl}/api/public/opportunities?updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(((await later.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await requestJson(stack.baseUrl, 'GET', '/api/public/opportunities?pageSize=0')).status).toBe(
      400,
    );
  });

  it('should export published opportunities as CSV for the Engagement-Plattform: BOM, ";", formulas neutralised, audited', async () => {
    const response = await fetch(`${stack.baseUrl}/api/staff/opportunities/export.csv`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0].startsWith('id;title;description;tasks;organisation;postal_code;city')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(text).not.toContain(draft.title);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"") Telefonpatenschaft"`);
    expect(text).not.toContain('jansen.privat@example.org');
    const audited = await eventually('the export audit row', async () => {
      const rows = await stack.dataSource.query<{ details: { rows: number } }[]>(
        `SELECT details FROM audit_log WHERE action = 'opportunities.exported'`,
      );
      return rows.length > 0 ? rows : null;
    });
    expect(audited[0].details.rows).toBe(3);

    const console = await fetch(`${stack.baseUrl}/console/opportunities/export.csv`, {
      headers: { Cookie: `nahbar_staff=${token}` },
      redirect: 'manual',
    });
    expect(console.status).toBe(200);
    expect((await console.text()).split('\r\n')[0]).toContain('title;description');
    expect((await fetch(`${stack.baseUrl}/api/staff/opportunities/export.csv`)).status).toBe(401);
  });

  it('should back the search with the partial indexes (EXPLAIN)', async () => {
    const service = stack.api.get(OpportunitySearchService);
    const plan = async (query: Record<string, string>) => {
      const { filters } = await service.parse(query);
      const { sql, params } = await service.searchSql(filters);
      return stack.dataSource.transaction(async (manager) => {
        // A handful of test rows would be read sequentially; forbid that to see what the planner can use.
        await manager.query('SET LOCAL enable_seqscan = off');
        if (usesDistance(filters)) {
          await manager.query(DISTANCE_SEARCH_SETTING);
        }
        const rows = await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    };
    expect(await plan({ postalCode: '22765', km: '10' })).toContain('opportunity_published_place_gist');
    expect(await plan({ field: 'SEN' })).toMatch(/opportunity_published_(fields_gin|recent_idx)/);
    expect(await plan({ language: 'tr' })).toMatch(/opportunity_published_(languages_gin|recent_idx)/);
    expect(await plan({})).toContain('opportunity_published_recent_idx');
  });
});
