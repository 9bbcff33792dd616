import {
  assertRequestTransition,
  canRequestTransition,
  CLOSED_REQUEST_STATUSES,
  HELP_REQUEST_STATUSES,
  nextRequestStatuses,
  type HelpRequestStatus,
} from './request-status';

describe('help request status transitions', () => {
  it.each<[HelpRequestStatus, HelpRequestStatus]>([
    ['in-review', 'matching'],
    ['matching', 'proposals-ready'],
    ['matching', 'open'],
    ['open', 'matching'],
    ['open', 'proposals-ready'],
    ['proposals-ready', 'offered'],
    ['proposals-ready', 'open'],
    ['proposals-ready', 'matching'],
    ['offered', 'matched'],
    ['offered', 'offered'],
    ['offered', 'proposals-ready'],
    ['offered', 'matching'],
    ['offered', 'open'],
    ['matched', 'done'],
    ['matched', 'cancelled'],
    ['matched', 'matching'],
    ['in-review', 'unfulfilled'],
    ['in-review', 'rejected'],
    ['offered', 'rejected'],
  ])('should allow %s → %s', (from, to) => {
    expect(canRequestTransition(from, to)).toBe(true);
    expect(() => assertRequestTransition(from, to)).not.toThrow();
  });

  it.each<[HelpRequestStatus, HelpRequestStatus]>([
    ['in-review', 'offered'],
    ['open', 'matched'],
    ['matching', 'offered'],
    ['proposals-ready', 'matched'],
    ['matched', 'offered'],
    ['open', 'in-review'],
  ])('should refuse %s → %s', (from, to) => {
    expect(canRequestTransition(from, to)).toBe(false);
    expect(() => assertRequestTransition(from, to)).toThrow(`a ${from} request cannot become ${to}`);
  });

  it('should let only a matched request be done, with the reason staff read', () => {
    for (const from of HELP_REQUEST_STATUSES.filter((status) => status !== 'matched')) {
      expect(canRequestTransition(from, 'done')).toBe(false);
    }
    expect(() => assertRequestTransition('offered', 'done')).toThrow(/only a matched request can be done/);
  });

  it('should let staff give up on every open request, and change no closed one', () => {
    for (const from of HELP_REQUEST_STATUSES) {
      const closed = (CLOSED_REQUEST_STATUSES as readonly string[]).includes(from);
      expect(canRequestTransition(from, 'cancelled')).toBe(!closed);
      expect(canRequestTransition(from, 'unfulfilled')).toBe(!closed);
      if (closed) {
        expect(nextRequestStatuses(from)).toEqual([]);
        expect(() => assertRequestTransition(from, 'matching')).toThrow(`the request is already ${from}`);
      }
    }
  });

  it('should never lead back to review: only the public form starts there', () => {
    for (const from of HELP_REQUEST_STATUSES) {
      expect(canRequestTransition(from, 'in-review')).toBe(false);
    }
  });

  it('should give every assertion failure the conflict code', () => {
    try {
      assertRequestTransition('done', 'open');
      throw new Error('no error');
    } catch (error) {
      expect(error).toMatchObject({ code: 'conflict' });
    }
  });
});
