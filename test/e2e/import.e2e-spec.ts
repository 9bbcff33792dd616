import { csrfTokenFor } from '../../src/web/console/csrf';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * CSV import over HTTP with a real worker: dry run (nothing stored, per-row report), real run as a
 * `transfer` job (consent recorded, double-opt-in emails, file deleted), re-run without
 * duplicates, a restarted run without duplicates, broken rows, a Windows-1252 file, and 4xx for
 * bad uploads; the console pages (admins only, CSRF, the report as CSV).
 */
describe('CSV import', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;

  const VOLUNTEERS = [
    'Vorname;Nachname;PLZ;E-Mail;Telefon',
    'Anna;Arendt;22763;anna.import@example.org;040 123',
    'Ben;Brandt;22765;ben.import@example.org;+49 40 555',
    'Cem;Celik;00001;cem.import@example.org;',
    'Dora;Dorn;22763;not-an-email;',
    'Eva;"=HYPERLINK(""http://evil.example"",""klick"")";22765;eva.import@example.org;',
  ].join('\r\n');

  const upload = async (
    content: Buffer | string,
    fields: Record<string, string> = { kind: 'volunteers', sourceLabel: 'Freinet-Online' },
    filename = 'freiwillige.csv',
  ) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      form.append(name, value);
    }
    form.append(
      'file',
      new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content)]),
      filename,
    );
    const response = await fetch(`${stack.baseUrl}/api/v1/staff/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const finished = (id: string) =>
    eventually(
      `import ${id} done`,
      async () => {
        const { body } = await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/imports/${id}`, { token });
        return body.status === 'done'
          ? body
          : body.status === 'failed'
            ? Promise.reject(new Error(body.error))
            : null;
      },
      30_000,
    );
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await stack.dataSource.query<{ n: string }[]>(sql, params))[0].n);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const admin = await createStaffUser(stack.dataSource, { email: 'admin@agency.test', role: 'admin' });
    await createStaffUser(stack.dataSource, { email: 'kim@agency.test', role: 'coordinator' });
    token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  let firstId: string;

  it('dry-runs an upload: detected settings, mapping, a per-row report, nothing stored', async () => {
    const { status, body } = await upload(VOLUNTEERS);
    expect(status).toBe(201);
    firstId = body.id;
    expect(body).toMatchObject({
      kind: 'volunteers',
      status: 'uploaded',
      dryRun: true,
      encoding: 'utf-8',
      separator: ';',
      headers: ['Vorname', 'Nachname', 'PLZ', 'E-Mail', 'Telefon'],
      mapping: { '0': 'firstName', '1': 'lastName', '2': 'postalCode', '3': 'email', '4': 'phone' },
      totalRows: 5,
      insertedCount: 3,
      rejectedCount: 2,
    });
    const problems = body.report.map((line: { row: number; field: string; problem: string }) => [
      line.row,
      line.field,
      line.problem,
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [4, 'postalCode', 'unknown-postal-code'],
        [5, 'email', 'invalid-email'],
        [6, 'lastName', 'w:formula-stored-as-text'],
      ]),
    );
    expect(await count(`SELECT count(*) AS n FROM volunteer`)).toBe(0);
    // Starting needs the dry run; an unknown import is a 404.
    expect(
      (
        await requestJson(
          stack.baseUrl,
          'GET',
          `/api/v1/staff/imports/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
          { token },
        )
      ).status,
    ).toBe(404);
  });

  it('imports as a job: consent recorded, the double-opt-in email sent, the file deleted', async () => {
    const started = await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/imports/${firstId}/start`, {
      token,
    });
    expect(started.status).toBe(202);
    expect(['queued', 'running', 'done']).toContain(started.body.status);
    const done = await finished(firstId);
    expect(done).toMatchObject({
      dryRun: false,
      insertedCount: 3,
      rejectedCount: 2,
      processedRows: 5,
      totalRows: 5,
    });
    const rows = await stack.dataSource.query<{ email: string; name: string; status: string }[]>(
      `SELECT email, name, status FROM volunteer ORDER BY email`,
    );
    expect(rows.map((row) => row.email)).toEqual([
      'anna.import@example.org',
      'ben.import@example.org',
      'eva.import@example.org',
    ]);
    expect(rows.every((row) => row.status === 'pending')).toBe(true);
    // The formula is stored as written (plain text), never evaluated.
    expect(rows[2].name).toContain('=HYPERLINK(');
    const consents = await stack.dataSource.query<{ mode: string; text_version: string }[]>(
      `SELECT mode, text_version FROM consent_record WHERE subject_type = 'volunteer'`,
    );
    expect(consents).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      consents.every(
        (c) =>
          c.mode === 'imported' &&
          c.text_version === `imported from Freinet-Online on ${today}, consent given there`,
      ),
    ).toBe(true);
    expect(
      await count(`SELECT count(*) AS n FROM data_import WHERE id = $1 AND content IS NOT NULL`, [firstId]),
    ).toBe(0);
    await smtp.waitForMessages(3, 20_000);
    const recipients = smtp.messages.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text);
    expect(recipients.sort()).toEqual([
      'anna.import@example.org',
      'ben.import@example.org',
      'eva.import@example.org',
    ]);
    // Starting again does nothing more (and is not audited again).
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/imports/${firstId}/start`, { token })).body
        .status,
    ).toBe('done');
    // Starting is audited: who, which import, its kind and the dry run's row count.
    const audits = await stack.dataSource.query<
      { staff_user_id: string; entity_type: string; details: Record<string, unknown> }[]
    >(
      `SELECT a.staff_user_id, a.entity_type, a.details FROM audit_log a
        WHERE a.action = 'import.started' AND a.entity_id = $1`,
      [firstId],
    );
    const [admin] = await stack.dataSource.query<{ id: string }[]>(
      `SELECT id FROM staff_user WHERE email = 'admin@agency.test'`,
    );
    expect(audits).toEqual([
      {
        staff_user_id: admin.id,
        entity_type: 'data_import',
        details: { kind: 'volunteers', rows: 5, channel: 'api' },
      },
    ]);
  });

  it('re-importing the same file creates no duplicates and says so', async () => {
    const { body } = await upload(VOLUNTEERS);
    expect(body).toMatchObject({ insertedCount: 0, duplicateCount: 3 });
    expect(
      body.report.filter((line: { problem: string }) => line.problem === 'already-present'),
    ).toHaveLength(3);
    await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/imports/${body.id}/start`, { token });
    const done = await finished(body.id);
    expect(done).toMatchObject({ insertedCount: 0, duplicateCount: 3 });
    expect(await count(`SELECT count(*) AS n FROM volunteer`)).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM consent_record`)).toBe(3);
  });

  it('a run restarted from the first row (worker crash before the cursor) creates no duplicates', async () => {
    const file = 'Vorname;Nachname;PLZ;E-Mail\r\nFrida;Frei;22763;frida.import@example.org\r\n';
    const { body } = await upload(file);
    await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/imports/${body.id}/start`, { token });
    await finished(body.id);
    // As if the worker died after writing but before marking done: the file back, the cursor at 0.
    await stack.dataSource.query(
      `UPDATE data_import SET status = 'running', processed_rows = 0, inserted_count = 0, content = $2 WHERE id = $1`,
      [body.id, Buffer.from(file)],
    );
    const { TransferService } = await import('../../src/transfer/transfer.service');
    await stack.worker!.get(TransferService).runImport(body.id);
    const again = (await requestJson(stack.baseUrl, 'GET', `/api/v1/staff/imports/${body.id}`, { token }))
      .body;
    expect(again).toMatchObject({ status: 'done', insertedCount: 0, duplicateCount: 1 });
    expect(await count(`SELECT count(*) AS n FROM volunteer WHERE email = 'frida.import@example.org'`)).toBe(
      1,
    );
  });

  it('reads a Windows-1252 file with umlauts (detected, or chosen as ISO-8859-1)', async () => {
    const text = 'Vorname;Nachname;PLZ;E-Mail\r\nJürgen;Müßig;22763;juergen.import@example.org\r\n';
    const { body } = await upload(Buffer.from(text, 'latin1'));
    expect(body.encoding).toBe('windows-1252');
    expect(body.insertedCount).toBe(1);
    const chosen = await upload(Buffer.from(text, 'latin1'), { kind: 'volunteers', encoding: 'iso-8859-1' });
    expect(chosen.body.encoding).toBe('iso-8859-1');
    await requestJson(stack.baseUrl, 'POST', `/api/v1/staff/imports/${body.id}/start`, { token });
    await finished(body.id);
    const [row] = await stack.dataSource.query<{ name: string }[]>(
      `SELECT name FROM volunteer WHERE email = 'juergen.import@example.org'`,
    );
    expect(row.name).toBe('Jürgen Müßig');
  });

  it('changes the mapping per column; a mapping without a required field is a 400', async () => {
    const { body } = await upload(VOLUNTEERS);
    const bad = await requestJson(stack.baseUrl, 'PUT', `/api/v1/staff/imports/${body.id}`, {
      token,
      body: { mapping: { '0': 'firstName', '1': 'lastName', '2': 'postalCode' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('email');
    const ok = await requestJson(stack.baseUrl, 'PUT', `/api/v1/staff/imports/${body.id}`, {
      token,
      body: { mapping: { '0': 'firstName', '1': 'lastName', '2': 'postalCode', '3': 'email', '4': '' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.mapping).toEqual({ '0': 'firstName', '1': 'lastName', '2': 'postalCode', '3': 'email' });
  });

  it('refuses bad uploads with a 4xx and stores nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM data_import`);
    expect((await upload('')).status).toBe(400);
    expect((await upload(Buffer.alloc(26 * 1024 * 1024, 'a'))).status).toBe(413);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(png, { kind: 'volunteers' }, 'bild.png')).status).toBe(415);
    expect((await upload(png, { kind: 'volunteers' }, 'bild.csv')).status).toBe(415);
    expect((await upload(VOLUNTEERS, { kind: 'people' })).status).toBe(400);
    expect((await upload('nur eine Spalte\r\nx\r\n')).status).toBe(400);
    const noFile = await fetch(`${stack.baseUrl}/api/v1/staff/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'volunteers' }),
    });
    expect(noFile.status).toBe(400);
    expect(await count(`SELECT count(*) AS n FROM data_import`)).toBe(before);
  });

  it('the console: admins only, CSRF on the upload, the report as CSV for Excel', async () => {
    const page = await fetch(`${stack.baseUrl}/console/import`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('enctype="multipart/form-data"');
    const kim = await loginAs(stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    const denied = await fetch(`${stack.baseUrl}/console/import`, {
      headers: { cookie: `nahbar_staff=${kim}` },
    });
    expect(denied.status).toBe(403);
    await denied.text();

    const post = async (withCsrf: boolean) => {
      const form = new FormData();
      if (withCsrf) {
        form.append('_csrf', csrf);
      }
      form.append('kind', 'volunteers');
      form.append('file', new Blob([new Uint8Array(Buffer.from(VOLUNTEERS))]), 'freiwillige.csv');
      return fetch(`${stack.baseUrl}/console/import`, {
        method: 'POST',
        headers: { cookie },
        body: form,
        redirect: 'manual',
      });
    };
    const forged = await post(false);
    expect(forged.status).toBe(403);
    await forged.text();
    const posted = await post(true);
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    expect(location).toMatch(/^\/console\/import\/[0-9a-f-]{36}$/);
    const id = location.split('/').pop()!;
    const dry = await fetch(`${stack.baseUrl}${location}/dry-run`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        encoding: 'utf-8',
        separator: ';',
        'map.0': 'firstName',
        'map.1': 'lastName',
        'map.2': 'postalCode',
        'map.3': 'email',
        'map.4': 'phone',
      }),
      redirect: 'manual',
    });
    expect(dry.status).toBe(303);
    const html = await (await fetch(`${stack.baseUrl}${location}`, { headers: { cookie } })).text();
    expect(html).toContain('PLZ unbekannt');
    expect(html).toContain('Importieren');
    const csv = await fetch(`${stack.baseUrl}/console/import/${id}/report.csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('Zeile;Feld;Problem;Wert');
    // The formula value is neutralised for Excel.
    expect(text).toMatch(/;"?'=HYPERLINK/);
  });
});
