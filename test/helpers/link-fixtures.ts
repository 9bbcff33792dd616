import { createOfferToken } from '../../src/shared/offer-links';
import { CallTask } from '../../src/help-seekers/call-task.entity';
import { createLinkToken } from '../../src/shared/signed-links';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { requestJson, requestPage } from './http';
import { eventually, type TestStack } from './test-stack';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LinkPageUrls {
  volunteerId: string;
  matchId: string;
  selfService: string;
  /** The footer's settings link (settings scope only). */
  settings: string;
  /** A link of a version the volunteer does not have (as after a revocation): refused with 410. */
  revoked: string;
  offerAccept: string;
  followUp: string;
  invalid: string;
  /** The printable letter, after the volunteer accepted (staff token needed). */
  letter: string;
}

/**
 * A volunteer, a request in their area proposed and approved, with the links its emails would carry,
 * signed with the stack's secret, and the call task's letter after the volunteer said yes.
 */
export async function linkPagesFixture(
  stack: TestStack,
  token: string,
  options: { postalCode: string; volunteer?: Record<string, unknown>; request?: Record<string, unknown> },
): Promise<LinkPageUrls> {
  const registered = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
    token,
    body: volunteerBody({ postalCode: options.postalCode, ...options.volunteer }),
  });
  if (registered.status !== 201) {
    throw new Error(`volunteer: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  const volunteerId = registered.body.id as string;
  const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
    body: publicHelpRequestBody({ postalCode: options.postalCode, ...options.request }),
  });
  if (created.status !== 201) {
    throw new Error(`request: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const matchId = await eventually('the proposal', async () => {
    const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
      token,
    });
    return (detail.body.matches ?? []).find(
      (m: { volunteer: { id: string } }) => m.volunteer.id === volunteerId,
    )?.id as string | undefined;
  });
  const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, {
    token,
  });
  if (approved.status !== 200) {
    throw new Error(`approve: ${approved.status}`);
  }
  const secret = stack.config.LINK_SECRET;
  const expiresAt = new Date(Date.now() + 7 * DAY_MS);
  const base = stack.baseUrl;
  return {
    volunteerId,
    matchId,
    // The account scope: the whole page (profile, export, deletion), as the emailed magic link has it.
    selfService: `${base}/preferences/${createLinkToken(secret, { purpose: 'preferences', subjectId: volunteerId, action: 'account', expiresAt, version: 1 })}`,
    settings: `${base}/preferences/${createLinkToken(secret, { purpose: 'preferences', subjectId: volunteerId, action: 'settings', expiresAt, version: 1 })}`,
    revoked: `${base}/preferences/${createLinkToken(secret, { purpose: 'preferences', subjectId: volunteerId, action: 'account', expiresAt, version: 2 })}`,
    offerAccept: `${base}/offers/${createOfferToken(secret, { matchId, action: 'accept', expiresAt, version: 1 })}`,
    followUp: `${base}/follow-ups/${createLinkToken(secret, { purpose: 'follow-up', subjectId: matchId, action: 'went-well', expiresAt, version: 1 })}`,
    invalid: `${base}/follow-ups/not-a-valid-token`,
    letter: '',
  };
}

/** The volunteer says yes from the offer page; the help-seeker asked for phone, so staff get a letter to print. */
export async function acceptAndFindLetter(stack: TestStack, urls: LinkPageUrls): Promise<string> {
  const accepted = await requestPage(urls.offerAccept, 'POST');
  if (accepted.status !== 200) {
    throw new Error(`accept: ${accepted.status}`);
  }
  const task = await eventually('the call task', () =>
    stack.dataSource.getRepository(CallTask).findOneBy({ matchId: urls.matchId }),
  );
  return `${stack.baseUrl}/api/staff/call-tasks/${task.id}/letter`;
}
