import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { acceptAndFindLetter, linkPagesFixture, type LinkPageUrls } from '../helpers/link-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';

/** As text: preact escapes < & and " (a lone > is harmless text). */
const SCRIPT_TEXT = 'alert(1)&lt;/script>';
const IMG_TEXT = '&quot;>&lt;img src=x onerror=alert(1)>';

/** What must never reach a page as markup: the payloads themselves, or anything they would become. */
function expectInert(html: string): void {
  expect(html).not.toContain(SCRIPT);
  expect(html).not.toContain('<img src=x');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img[^>]*onerror/i);
  expect(html).not.toMatch(/href="javascript:/i);
}

describe('link pages and letters with hostile text in every field they show', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let urls: LinkPageUrls;
  let letter: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { email: 'ada@agency.test', role: 'admin' });
    token = await loginAs(stack.baseUrl, 'ada@agency.test', STAFF_PASSWORD);
    const profile = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/agency-profile', {
      token,
      body: {
        name: `Agentur ${SCRIPT}`,
        street: `Hauptstraße 1 ${IMG}`,
        postalCode: '22767',
        city: `Hamburg ${JS_URL}`,
        phone: '040 123 456 78',
        email: 'kontakt@agentur.example',
        openingHours: `Mo–Fr ${IMG}`,
        imprint: `Impressum ${SCRIPT}`,
        accessibilityStatement: `Barrierefrei ${IMG}`,
      },
    });
    expect(profile.status).toBe(200);
    urls = await linkPagesFixture(stack, token, {
      postalCode: '22765',
      volunteer: { name: `Vera ${IMG}` },
      request: {
        description: `Einkauf ${SCRIPT} ${IMG} ${JS_URL}`,
        helpSeeker: {
          name: `Erika ${SCRIPT}`,
          phone: '040 1234567',
          streetAddress: `Große Bergstraße 189 ${IMG}`,
          preferredContact: 'phone',
        },
      },
    });
    const offerPage = await requestPage(urls.offerAccept);
    expect(offerPage.status).toBe(200);
    expectInert(offerPage.html);
    letter = await acceptAndFindLetter(stack, urls);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it.each([
    ['the self-service page', () => urls.selfService],
    ['the follow-up page', () => urls.followUp],
    ['the invalid-link page', () => urls.invalid],
    ['the offer page after the answer', () => urls.offerAccept],
  ])('should show the agency profile escaped on %s', async (_name, url) => {
    const page = await requestPage(url());
    expectInert(page.html);
    expect(page.html).toContain(`Agentur &lt;script>${SCRIPT_TEXT}`);
    expect(page.html).toContain(`Mo–Fr ${IMG_TEXT}`);
  });

  it('should show the names and the address on the letter escaped', async () => {
    const response = await fetch(letter, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expectInert(html);
    expect(html).toContain(`Erika &lt;script>${SCRIPT_TEXT}`);
    expect(html).toContain(`Große Bergstraße 189 ${IMG_TEXT}`);
    expect(html).toContain(`Vera ${IMG_TEXT}`);
    expect(html).toContain('Hamburg javascript:alert(1)');
  });
});
