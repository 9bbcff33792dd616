import type { Page } from 'playwright-core';
import { Match } from '../../src/matching/match.entity';
import { createOfferToken } from '../../src/shared/offer-links';
import { createLinkToken } from '../../src/shared/signed-links';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import {
  launchBrowser,
  loginInBrowser,
  screenshotBothWidths,
  seriousAxeViolations,
  type TestBrowser,
} from '../helpers/browser';
import { tabTo } from '../helpers/chromium';
import { loginAs, requestPage } from '../helpers/http';
import { linkPagesFixture, type LinkPageUrls } from '../helpers/link-fixtures';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, type TestStack } from '../helpers/test-stack';

const DAY_MS = 24 * 3600_000;

/**
 * In Chromium, keyboard only: a volunteer who accepted calls it off from the link in their
 * confirmation; the coordinator sees it on Heute and the request matched again. axe on every new
 * page (volunteer pages in German and Arabic), screenshots into test-artifacts/.
 */
describe('a volunteer drops out in Chromium and the coordinator sees the request re-matched', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    await createStaffUser(stack.dataSource, { name: 'Kim Koordination', email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function expectAccessible(name: string): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBothWidths(page, name);
  }

  async function accepted(postalCode: string): Promise<LinkPageUrls & { requestId: string }> {
    const urls = await linkPagesFixture(stack, token, { postalCode });
    expect((await requestPage(urls.offerAccept, 'POST')).status).toBe(200);
    const { requestId } = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: urls.matchId });
    return { ...urls, requestId };
  }

  const dropOutLink = (matchId: string) =>
    `${stack.baseUrl}/drop-outs/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'drop-out',
      subjectId: matchId,
      action: 'drop-out',
      expiresAt: new Date(Date.now() + 30 * DAY_MS),
      version: 1,
    })}`;

  it('should show the volunteer pages accessibly in German and Arabic (drop-out and decline with a reason)', async () => {
    const urls = await accepted('22765');
    await page.goto(`${dropOutLink(urls.matchId)}?lang=ar`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await expectAccessible('drop-out-ar');
    const offered = await linkPagesFixture(stack, token, { postalCode: '80331' });
    const decline = `${stack.baseUrl}/offers/${createOfferToken(stack.config.LINK_SECRET, {
      matchId: offered.matchId,
      action: 'decline',
      expiresAt: new Date(Date.now() + 7 * DAY_MS),
      version: 1,
    })}`;
    await page.goto(decline);
    await expectAccessible('offer-decline-reason-de');
    await page.goto(`${decline}?lang=ar`);
    await expectAccessible('offer-decline-reason-ar');
  });

  it('should let the volunteer drop out by keyboard, and the coordinator find the request on Heute, matched again', async () => {
    const urls = await accepted('50667');
    await page.goto(dropOutLink(urls.matchId));
    await expectAccessible('drop-out-de');
    // A radio group is one tab stop; the arrow keys choose within it.
    await tabTo(page, '#reason-ill');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#reason-no-time')).toBe(true);
    await tabTo(page, '#note');
    await page.keyboard.type('Termin beim Arzt verschoben');
    await tabTo(page, 'main form button[type=submit]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.getByText('Danke, dass Sie Bescheid gesagt haben.').waitFor();
    await expectAccessible('drop-out-done-de');
    expect(await stack.dataSource.getRepository(Match).findOneByOrFail({ id: urls.matchId })).toMatchObject({
      status: 'dropped-out',
      endedReason: 'no-time',
      endedNote: 'Termin beim Arzt verschoben',
    });

    await loginInBrowser(page, stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    await page.goto(`${stack.baseUrl}/console`);
    const alert = page.locator(`#drop-out-alerts a[href="/console/requests/${urls.requestId}"]`);
    await alert.waitFor();
    await expectAccessible('today-drop-out-alerts');
    await tabTo(page, `#drop-out-alerts a[href="/console/requests/${urls.requestId}"]`);
    await Promise.all([page.waitForURL(/\/console\/requests\//), page.keyboard.press('Enter')]);
    // Matched again: the search runs or has found the next proposals.
    await eventually('the request matched again', async () => {
      await page.reload();
      const status = (await page.textContent('#request-status')) ?? '';
      return /Suche läuft|Vorschläge bereit|offen|angefragt/.test(status) ? status : undefined;
    });
    expect(await page.textContent('#volunteer-answers')).toContain('Termin beim Arzt verschoben');
    await expectAccessible('request-after-drop-out');
  });

  it('should show the new console pages accessibly: record a drop-out, register a volunteer, an advisory interview', async () => {
    const urls = await accepted('01067');
    await page.goto(`${stack.baseUrl}/console/requests/${urls.requestId}/drop-out`);
    await expectAccessible('console-record-drop-out');
    await page.goto(`${stack.baseUrl}/console/volunteers/new`);
    await expectAccessible('console-register-volunteer');
    // Sent empty: the field errors, still accessible.
    await tabTo(page, 'main form button[type=submit]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.locator('.error-summary, [role=alert]').first().waitFor();
    await expectAccessible('console-register-volunteer-errors');
    await page.goto(`${stack.baseUrl}/console/volunteers/${urls.volunteerId}/advisory-interviews/new`);
    await expectAccessible('console-advisory-interview');
    await page.goto(`${stack.baseUrl}/console/volunteers/${urls.volunteerId}`);
    await expectAccessible('console-volunteer-profile-interviews');
  });
});
