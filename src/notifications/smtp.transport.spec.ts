import { startTestSmtpServer, type TestSmtpServer } from '../../test/helpers/smtp-test-server';
import { PermanentDeliveryError, type OutgoingEmail } from './email-transport';
import { SmtpTransport } from './smtp.transport';

const email: OutgoingEmail = {
  to: 'anna@example.org',
  subject: 'Anfrage: Einkaufshilfe in Ottensen – können Sie helfen?',
  text: 'Hallo Anna,\n\nkönnen Sie helfen?\n',
  html: '<!DOCTYPE html><html lang="de"><body><p>Hallo Anna,</p></body></html>',
  messageId: '<notification-11111111-2222-4333-8444-555555555555@nahbar>',
};

describe('SmtpTransport against a real SMTP server', () => {
  let server: TestSmtpServer;
  let transport: SmtpTransport;

  beforeEach(async () => {
    server = await startTestSmtpServer();
    transport = new SmtpTransport({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      from: 'noreply@nahbar.localhost',
    });
  });

  afterEach(async () => {
    await transport.close();
    await server.close();
  });

  it('delivers with the given Message-ID, headers and both parts', async () => {
    await transport.send({ ...email, headers: { 'X-Nahbar-Notification': 'volunteer-offer' } });

    const [received] = await server.waitForMessages(1);
    expect(received.messageId).toBe(email.messageId);
    expect(received.subject).toBe(email.subject);
    expect(received.text).toBe(email.text);
    expect(received.html).toBe(email.html);
    expect(received.headers.get('x-nahbar-notification')).toBe('volunteer-offer');
  });

  it('throws PermanentDeliveryError on a 5xx reply and a plain error on a 4xx reply', async () => {
    server.failNext(550, 'Mailbox unavailable');
    const permanent = await transport.send(email).catch((error: unknown) => error);
    expect(permanent).toBeInstanceOf(PermanentDeliveryError);
    expect(permanent).toMatchObject({ responseCode: 550 });

    server.failNext(451, 'Try again later', 2);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const temporary = await transport.send(email).catch((error: unknown) => error);
      expect(temporary).toBeInstanceOf(Error);
      expect(temporary).not.toBeInstanceOf(PermanentDeliveryError);
      expect(temporary).toMatchObject({ responseCode: 451 });
    }

    // The queue of failures is used up, so the retry goes through.
    await transport.send(email);
    expect(server.messages).toHaveLength(1);
  });

  it('treats an unreachable server as temporary', async () => {
    const stopped = await startTestSmtpServer();
    await stopped.close();
    const unreachable = new SmtpTransport({
      host: '127.0.0.1',
      port: stopped.port,
      secure: false,
      from: 'x@y.z',
    });
    try {
      const error = await unreachable.send(email).catch((caught: unknown) => caught);
      // Socket errors come from Node's realm, so instanceof Error does not hold inside jest.
      expect(error).toMatchObject({ code: 'ESOCKET', message: expect.stringContaining('ECONNREFUSED') });
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    } finally {
      await unreachable.close();
    }
  });

  it('keeps its pool usable while the server is unreachable, and delivers once it is back', async () => {
    const stopped = await startTestSmtpServer();
    await stopped.close();
    const pooled = new SmtpTransport({
      host: '127.0.0.1',
      port: stopped.port,
      secure: false,
      from: 'x@y.z',
      maxConnections: 2,
    });
    try {
      // More refused attempts than the pool has connections: none may stay occupied.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await expect(pooled.send(email)).rejects.toMatchObject({
          message: expect.stringContaining('ECONNREFUSED'),
        });
      }
      const back = await startTestSmtpServer({ port: stopped.port });
      try {
        await pooled.send(email);
        expect(back.messages.map((message) => message.messageId)).toEqual([email.messageId]);
      } finally {
        await pooled.close();
        await back.close();
      }
    } finally {
      await pooled.close();
    }
  });
});
