import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { startApiProcess, ApiProcess } from '../helpers/api-process';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, freePort, startTestStack, TestStack } from '../helpers/test-stack';
import { startWorkerProcess, WorkerProcess } from '../helpers/worker-process';

/** Personal data the run stores and sends; none of it may reach a log line. */
const SEEDED = {
  staffName: 'Hannelore Seedkamp',
  staffEmail: 'hannelore.seedkamp@agency.test',
  helpSeekerName: 'Theodora Seedmann',
  helpSeekerPhone: '040 98765432',
  helpSeekerEmail: 'theodora.seedmann@example.net',
  helpSeekerStreet: 'Seedweg 17',
  volunteerNames: ['Quirin Seedhuber', 'Walburga Seedlinger'],
  volunteerEmails: ['quirin.seedhuber@example.org', 'walburga.seedlinger@example.org'],
  volunteerPhones: ['0171 5550123', '0160 5550456'],
};

const REQUEST_ID = 'e2e-log-scan-help-request';

interface LogLine {
  level: string;
  message: unknown;
  timestamp: number;
  context?: string;
  requestId?: string;
}

describe('logs of a real run (API and worker processes, JSON lines)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let baseUrl: string;
  let acceptLink: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // The stack provides the database and queue prefix; the run itself goes through the two child processes.
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = { ...stack.env, PORT: String(port), PUBLIC_BASE_URL: baseUrl, LOG_FORMAT: 'json' };
    // One after the other: two ts-node start-ups at once are slow on a busy machine.
    api = await startApiProcess(env);
    worker = await startWorkerProcess(env, { startTimeoutMs: 90_000 });

    await createStaffUser(stack.dataSource, { name: SEEDED.staffName, email: SEEDED.staffEmail });
    const token = await loginAs(baseUrl, SEEDED.staffEmail, STAFF_PASSWORD);
    // A failed login with a real address: refused, and the address stays out of the logs.
    expect(
      (
        await requestJson(baseUrl, 'POST', '/api/staff/session', {
          body: { email: SEEDED.staffEmail, password: 'wrong password!' },
        })
      ).status,
    ).toBe(401);
    for (const [index, name] of SEEDED.volunteerNames.entries()) {
      const created = await requestJson(baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({
          name,
          email: SEEDED.volunteerEmails[index],
          phone: SEEDED.volunteerPhones[index],
        }),
      });
      expect(created.status).toBe(201);
    }
    // Invalid input carrying personal data: a 400, nothing of it logged.
    const invalid = await requestJson(baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        postalCode: 'x',
        helpSeeker: { name: SEEDED.helpSeekerName, phone: SEEDED.helpSeekerPhone },
      }),
    });
    expect(invalid.status).toBe(400);

    const response = await fetch(`${baseUrl}/api/public/help-requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': REQUEST_ID },
      body: JSON.stringify(
        publicHelpRequestBody({
          helpSeeker: {
            name: SEEDED.helpSeekerName,
            phone: SEEDED.helpSeekerPhone,
            email: SEEDED.helpSeekerEmail,
            streetAddress: SEEDED.helpSeekerStreet,
            preferredContact: 'phone',
          },
        }),
      ),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
    const { id } = (await response.json()) as { id: string };
    const request = await eventually('proposals', async () => {
      const detail = await requestJson(baseUrl, 'GET', `/api/staff/help-requests/${id}`, { token });
      return detail.body.status === 'proposals-ready' ? detail.body : null;
    });
    const approved = await requestJson(
      baseUrl,
      'POST',
      `/api/staff/matches/${request.matches[0].id}/approve`,
      { token },
    );
    expect(approved.status).toBe(200);
    const [offer] = await smtp.waitForMessages(1);
    acceptLink = offerLinks(offer).accept;
    await eventually('the offer marked as sent', async () => {
      const detail = await requestJson(baseUrl, 'GET', `/api/staff/help-requests/${id}`, { token });
      return detail.body.matches.some((match: { status: string }) => match.status === 'offered');
    });
    expect((await requestPage(acceptLink, 'POST')).status).toBe(200);
    // The acceptance's emails (confirmation with the contact details, staff notice) go out too.
    await smtp.waitForMessages(3);
  }, 360_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.kill('SIGTERM');
    await stack?.close();
    await smtp?.close();
  });

  const lines = (output: string): string[] => output.split('\n').filter((line) => line.trim() !== '');
  const parsed = (output: string): LogLine[] => lines(output).map((line) => JSON.parse(line) as LogLine);

  it('should write every line of both processes as one JSON object', () => {
    for (const output of [api.output(), worker.output()]) {
      expect(lines(output).length).toBeGreaterThan(5);
      for (const line of lines(output)) {
        const entry = JSON.parse(line) as LogLine;
        expect(entry).toEqual(
          expect.objectContaining({
            level: expect.any(String),
            timestamp: expect.any(Number),
            message: expect.anything(),
          }),
        );
      }
    }
  });

  it('should carry the request id on the API lines of the request and on the worker lines of its jobs', () => {
    const apiLines = parsed(api.output()).filter((line) => line.requestId === REQUEST_ID);
    expect(apiLines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^POST \/api\/public\/help-requests 201 /),
    );
    const workerLines = parsed(worker.output()).filter((line) => line.requestId === REQUEST_ID);
    expect(workerLines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^job match-request /),
    );
    // Every HTTP access line has a request id, made up when the client sent none.
    const access = parsed(api.output()).filter((line) => line.context === 'http');
    expect(access.length).toBeGreaterThan(5);
    expect(access.every((line) => typeof line.requestId === 'string' && line.requestId.length > 0)).toBe(
      true,
    );
  });

  it('should log no name, email address, phone number, street or link token', () => {
    const output = `${api.output()}\n${worker.output()}`.toLowerCase();
    const phoneDigits = (phone: string) => phone.replace(/\D/g, '');
    const forbidden = [
      SEEDED.staffName,
      SEEDED.staffEmail,
      SEEDED.helpSeekerName,
      SEEDED.helpSeekerPhone,
      phoneDigits(SEEDED.helpSeekerPhone),
      SEEDED.helpSeekerEmail,
      SEEDED.helpSeekerStreet,
      ...SEEDED.volunteerNames,
      ...SEEDED.volunteerEmails,
      ...SEEDED.volunteerPhones,
      ...SEEDED.volunteerPhones.map(phoneDigits),
      // Surnames alone, too.
      ...[SEEDED.staffName, SEEDED.helpSeekerName, ...SEEDED.volunteerNames].map(
        (name) => name.split(' ')[1],
      ),
      acceptLink.split('/offers/')[1],
    ];
    const found = forbidden.filter((value) => output.includes(value.toLowerCase()));
    expect(found).toEqual([]);
  });
});
