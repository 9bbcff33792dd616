import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidSinkMessageId, listSinkMessages, readSinkMessage, startMailSink } from './mail-sink';
import { translator } from '../i18n';
import { renderMailboxPage, renderMessagePage } from '../web/mailbox/mailbox.pages';
import { SmtpTransport } from './smtp.transport';
import { renderEmail } from '../web/emails/render-email';
import { SAMPLE_AGENCY } from '../web/emails/samples';

describe('mail sink', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nahbar-mail-sink-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a message sent over real SMTP and reads it back', async () => {
    const sinkDir = join(dir, 'nested', 'mail');
    const sink = await startMailSink({ port: 0, dir: sinkDir });
    const transport = new SmtpTransport({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      from: 'nahbar Freiwilligenagentur <noreply@nahbar.localhost>',
    });
    try {
      const rendered = renderEmail('staff-offer-accepted', 'de', {
        volunteerName: 'Anna Schulz',
        requestCategoryLabel: 'Einkaufshilfe',
        district: 'Ottensen',
        whenText: 'Di, 24.11.2026, 9–12 Uhr',
        requestUrl: 'https://nahbar.example/staff/requests/42',
        agency: SAMPLE_AGENCY,
      });
      const messageId = '<notification-3f2b1c5e-8a7d-4e6f-9b0a-1c2d3e4f5a6b@nahbar>';

      const sent = await transport.send({
        to: 'team@nahbar.localhost',
        messageId,
        headers: { 'X-Nahbar-Notification': 'staff-offer-accepted' },
        ...rendered,
      });

      expect(sent.messageId).toBe(messageId);
      expect(sent.response).toMatch(/^250 .*Message stored as /);
      const [summary, ...others] = await listSinkMessages(sinkDir);
      expect(others).toHaveLength(0);
      expect(summary).toMatchObject({
        from: '"nahbar Freiwilligenagentur" <noreply@nahbar.localhost>',
        to: 'team@nahbar.localhost',
        subject: rendered.subject,
        messageId,
      });
      expect(summary.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{8}\.eml$/);
      expect(summary.date).toBeInstanceOf(Date);

      const message = await readSinkMessage(sinkDir, summary.id);
      expect(message?.summary).toEqual(summary);
      expect(message?.html).toContain('href="https://nahbar.example/staff/requests/42"');
      expect(message?.text).toContain('https://nahbar.example/staff/requests/42');
      expect(message?.text).toContain('Anna Schulz hat die Anfrage „Einkaufshilfe“ in Ottensen angenommen.');

      // The demo pages show it, with the mail's HTML escaped into the sandboxed iframe.
      const t = translator('de', 'staff');
      expect(renderMailboxPage(t, '/demo/mail', [summary])).toContain(`href="/demo/mail/${summary.id}"`);
      const page = renderMessagePage(t, `/demo/mail/${summary.id}`, message!);
      expect(page).toMatch(/<iframe sandbox="[^"]*" title="[^"]*" srcdoc="&lt;!doctype html>/i);
      expect(page).not.toContain('<h1 style=');
      expect(page).toContain('&lt;base target=&quot;_blank&quot;>');
    } finally {
      await transport.close();
      await sink.close();
    }
  });

  it('refuses ids that could leave the directory and lists only .eml files, newest first', async () => {
    const older = '2026-01-01T10-00-00.000Z-aaaaaaaa.eml';
    const newer = '2026-01-02T10-00-00.000Z-bbbbbbbb.eml';
    const mail = (subject: string): string =>
      `From: a@example.org\r\nTo: b@example.org\r\nSubject: ${subject}\r\nDate: Thu, 01 Jan 2026 10:00:00 +0000\r\n\r\nHallo\r\n`;
    await writeFile(join(dir, older), mail('Alt'));
    await writeFile(join(dir, newer), mail('Neu'));
    await writeFile(join(dir, 'half-written.eml.part'), 'ignored');
    await writeFile(join(dir, 'notes.txt'), 'ignored');

    expect((await listSinkMessages(dir)).map((m) => m.subject)).toEqual(['Neu', 'Alt']);
    expect(await listSinkMessages(dir, 1)).toHaveLength(1);
    expect((await readSinkMessage(dir, older))?.text).toBe('Hallo\n');
    expect(await readSinkMessage(dir, `../${older}`)).toBeNull();
    expect(await readSinkMessage(dir, '..')).toBeNull();
    expect(await readSinkMessage(dir, 'notes.txt')).toBeNull();
    expect(await readSinkMessage(dir, 'missing.eml')).toBeNull();
    expect(isValidSinkMessageId('a/b.eml')).toBe(false);
    expect(isValidSinkMessageId('..eml')).toBe(false);
    expect(await listSinkMessages(join(dir, 'does-not-exist'))).toEqual([]);
    expect(await readdir(dir)).toHaveLength(4);
  });
});
