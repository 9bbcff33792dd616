import {
  closingChoices,
  parseClosingChoice,
  reasonFitsStatus,
  requestIdIn,
  UNFULFILLED_REASONS,
} from './close-outcome';
import { canRequestTransition, CLOSED_REQUEST_STATUSES, HELP_REQUEST_STATUSES } from './request-status';

describe('closing a request: outcomes and reasons', () => {
  it('should let each reason belong to exactly its status', () => {
    for (const reason of UNFULFILLED_REASONS) {
      expect(reasonFitsStatus('unfulfilled', reason)).toBe(true);
      expect(reasonFitsStatus('rejected', reason)).toBe(false);
    }
    expect(reasonFitsStatus('rejected', 'duplicate')).toBe(true);
    expect(reasonFitsStatus('unfulfilled', undefined)).toBe(false);
    expect(reasonFitsStatus('rejected', undefined)).toBe(false);
    expect(reasonFitsStatus('done', undefined)).toBe(true);
    expect(reasonFitsStatus('cancelled', 'spam')).toBe(false);
  });

  it('should offer done only for a matched request, and nothing for a closed one', () => {
    expect(closingChoices('matched').map((choice) => choice.value)).toContain('done:went-well');
    expect(closingChoices('open').map((choice) => choice.value)).not.toContain('done:went-well');
    expect(closingChoices('open').map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['cancelled', 'unfulfilled:came-too-late', 'rejected:duplicate']),
    );
    for (const status of CLOSED_REQUEST_STATUSES) {
      expect(closingChoices(status)).toEqual([]);
    }
  });

  it('should read back every choice it offers, and nothing else', () => {
    for (const choice of closingChoices('matched')) {
      expect(parseClosingChoice(choice.value)).toEqual(choice);
    }
    expect(parseClosingChoice('done')).toBeNull();
    expect(parseClosingChoice('unfulfilled:spam')).toBeNull();
    expect(parseClosingChoice('matched')).toBeNull();
    expect(parseClosingChoice(['cancelled'])).toBeNull();
  });

  it('should find a request id in a pasted console link', () => {
    const id = '5f0c2a7e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';
    expect(requestIdIn(`https://nahbar.example/console/requests/${id}?done=closed`)).toBe(id);
    expect(requestIdIn(id.toUpperCase())).toBe(id);
    expect(requestIdIn('42')).toBe('42');
    expect(requestIdIn(undefined)).toBeUndefined();
  });

  it('should let staff reject any open request, never a closed one', () => {
    for (const status of HELP_REQUEST_STATUSES) {
      const closed = (CLOSED_REQUEST_STATUSES as readonly string[]).includes(status);
      expect(canRequestTransition(status, 'rejected')).toBe(!closed);
    }
  });
});
