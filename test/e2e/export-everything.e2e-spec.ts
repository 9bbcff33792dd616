import { csrfTokenFor } from '../../src/web/console/csrf';
import { SECRET_COLUMN } from '../../src/transfer/export/domain/export-plan';
import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { insertAcceptedAssignment } from '../factories/week.factory';
import { loginAs } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';
import { readZip } from '../helpers/zip-reader';

const BOM = '\uFEFF';

/** The header and records of a CSV nahbar wrote (quotes, separators and line breaks in cells). */
function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === separator) {
      record.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      index += 1;
    } else {
      cell += char;
    }
  }
  return records;
}

/**
 * Export everything: admins download one zip (csv/ and json/ per table, README.txt) from the API
 * and the console; coordinators are refused; no secret column is ever in it; it is audited.
 */
describe('export everything (zip of every table)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let adminToken: string;
  let adminId: string;
  let coordinatorToken: string;
  let volunteerId: string;
  let files: Map<string, Buffer>;
  let contentType: string | null;

  const get = (path: string, token: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const admin = await createStaffUser(stack.dataSource, {
      name: 'Ada Admin',
      email: 'ada@agency.test',
      role: 'admin',
    });
    const coordinator = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
    });
    adminId = admin.id;
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    coordinatorToken = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    const volunteer = await insertVolunteer(stack.dataSource, {
      name: '=HYPERLINK("http://evil.test";"klick")',
    });
    volunteerId = volunteer.id;
    await insertVolunteer(stack.dataSource, { name: 'Jürgen Müller; "Jupp"' });
    const provider = await insertProvider(stack.dataSource, { name: '@Treff Süd' });
    await insertOpportunity(stack.dataSource, provider.id);
    await insertAcceptedAssignment(
      stack.dataSource,
      volunteerId,
      { kind: 'one-off', date: '2026-12-10', start: '10:00', end: '12:00' },
      '+Frau Ösün',
    );
    const response = await get('/api/staff/export', adminToken);
    expect(response.status).toBe(200);
    contentType = response.headers.get('content-type');
    files = readZip(Buffer.from(await response.arrayBuffer()));
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('answers with a zip holding a CSV and a JSON file per business table and a README', () => {
    expect(contentType).toBe('application/zip');
    for (const table of [
      'volunteer',
      'help_seeker',
      'help_request',
      'match',
      'provider',
      'project',
      'opportunity',
      'placement',
      'placement_event',
      'hour_entry',
      'advisory_interview',
      'help_request_note',
      'consent_record',
      'audit_log',
      'staff_user',
      'notification',
    ]) {
      expect(files.has(`csv/${table}.csv`)).toBe(true);
      expect(files.has(`json/${table}.json`)).toBe(true);
    }
    for (const secretTable of [
      'staff_session',
      'staff_password_link',
      'staff_password_reset',
      'migrations',
    ]) {
      expect(files.has(`csv/${secretTable}.csv`)).toBe(false);
      expect(files.has(`json/${secretTable}.json`)).toBe(false);
    }
    const readme = files.get('README.txt')!.toString('utf8');
    expect(readme).toContain('personenbezogene Daten');
    expect(readme).toContain('personal data');
    expect(readme).toMatch(/Exportiert am \/ exported at: \d{4}-\d\d-\d\dT/);
    expect(readme).toContain('csv/volunteer.csv / json/volunteer.json  (2)');
    expect(readme).toContain('staff_session: secret');
  });

  it('writes UTF-8 CSV with BOM and ; , keeps umlauts, quotes separators and neutralises formula cells', () => {
    const text = files.get('csv/volunteer.csv')!.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), ';');
    expect(rows).toHaveLength(2);
    const name = header.indexOf('name');
    const names = rows.map((row) => row[name]).sort();
    expect(names).toEqual(['\'=HYPERLINK("http://evil.test";"klick")', 'Jürgen Müller; "Jupp"']);
    const seekers = parseCsv(files.get('csv/help_seeker.csv')!.toString('utf8').slice(1), ';');
    expect(seekers[1][seekers[0].indexOf('name')]).toBe("'+Frau Ösün");
    const providers = parseCsv(files.get('csv/provider.csv')!.toString('utf8').slice(1), ';');
    expect(providers[1][providers[0].indexOf('name')]).toBe("'@Treff Süd");
  });

  it('has the same rows as JSON, values unchanged', () => {
    const volunteers = JSON.parse(files.get('json/volunteer.json')!.toString('utf8')) as Record<
      string,
      unknown
    >[];
    expect(volunteers).toHaveLength(2);
    const evil = volunteers.find((row) => row.id === volunteerId)!;
    expect(evil.name).toBe('=HYPERLINK("http://evil.test";"klick")');
    expect(evil.languages).toEqual([{ code: 'de', level: 'native' }]);
    const matches = JSON.parse(files.get('json/match.json')!.toString('utf8')) as Record<string, unknown>[];
    expect(matches.map((row) => row.volunteer_id)).toEqual([volunteerId]);
  });

  it('never exports a column named like a password, hash, token or secret', () => {
    let checked = 0;
    for (const [name, content] of files) {
      if (name.startsWith('csv/')) {
        const [header] = parseCsv(content.toString('utf8').slice(1), ';');
        expect(header.filter((column) => SECRET_COLUMN.test(column))).toEqual([]);
        checked += 1;
      } else if (name.startsWith('json/')) {
        const rows = JSON.parse(content.toString('utf8')) as Record<string, unknown>[];
        for (const row of rows) {
          expect(Object.keys(row).filter((column) => SECRET_COLUMN.test(column))).toEqual([]);
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
    const staff = parseCsv(files.get('csv/staff_user.csv')!.toString('utf8').slice(1), ';');
    expect(staff[0]).toEqual(expect.arrayContaining(['id', 'name', 'email', 'role']));
    expect(staff[0]).not.toContain('totp_secret');
    expect(staff[0]).not.toContain('recovery_code_hashes');
    const everything = [...files.values()].map((content) => content.toString('utf8')).join('\n');
    expect(everything).not.toMatch(/\$argon2|\$2[aby]\$/); // no password hash of any scheme
  });

  it('audits the export with the row count of every table', async () => {
    const [entry] = await stack.dataSource.query(
      `SELECT staff_user_id, entity_type, details FROM audit_log WHERE action = 'agency.exported' ORDER BY at DESC LIMIT 1`,
    );
    expect(entry.staff_user_id).toBe(adminId);
    expect(entry.entity_type).toBe('agency');
    expect(entry.details.channel).toBe('api');
    expect(entry.details.counts.volunteer).toBe(2);
    expect(entry.details.counts.match).toBe(1);
    expect(entry.details.counts.staff_session).toBeUndefined();
  });

  it('refuses coordinators, on the API and in the console', async () => {
    const api = await get('/api/staff/export', coordinatorToken);
    expect(api.status).toBe(403);
    expect(api.headers.get('content-type')).toContain('application/json');
    const page = await get('/console/settings/export', coordinatorToken);
    expect(page.status).toBe(403);
    const post = await fetch(`${stack.baseUrl}/console/settings/export`, {
      method: 'POST',
      headers: {
        cookie: `nahbar_staff=${coordinatorToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: csrfTokenFor(coordinatorToken, stack.config.LINK_SECRET),
      }).toString(),
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
    const audited = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'agency.exported'`,
    );
    expect(audited[0].n).toBe(1);
  });

  it('shows admins the console page with its warning and downloads the zip with , on request', async () => {
    const page = await get('/console/settings/export', adminToken);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('personenbezogene Daten');
    expect(html).toContain('action="/console/settings/export"');
    const csrf = csrfTokenFor(adminToken, stack.config.LINK_SECRET);
    const post = (separator: string) =>
      fetch(`${stack.baseUrl}/console/settings/export`, {
        method: 'POST',
        headers: {
          cookie: `nahbar_staff=${adminToken}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: csrf, separator }).toString(),
        redirect: 'manual',
      });
    const bad = await post('tab');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('separator');
    const download = await post('comma');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(
      /attachment; filename="nahbar-export-\d{4}-\d\d-\d\d\.zip"/,
    );
    const zip = readZip(Buffer.from(await download.arrayBuffer()));
    const [header] = parseCsv(zip.get('csv/volunteer.csv')!.toString('utf8').slice(1), ',');
    expect(header).toContain('postal_code');
    const audited = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'agency.exported' ORDER BY at DESC LIMIT 1`,
    );
    expect(audited[0].details).toMatchObject({ channel: 'console', separator: ',' });
  });
});
