import {
  ANSWER_NOTE_MAX_LENGTH,
  isDeclineReason,
  isDropOutReason,
  isLateCancellation,
  normaliseAnswerNote,
} from './volunteer-answers';

describe('volunteer answers', () => {
  const startsAt = new Date('2026-12-10T09:00:00Z');

  it.each([
    ['2026-12-08T08:59:59Z', false],
    ['2026-12-08T09:00:00Z', false],
    ['2026-12-08T09:00:01Z', true],
    ['2026-12-10T08:00:00Z', true],
    ['2026-12-11T08:00:00Z', true],
  ])('should call a cancellation at %s late: %s (starts 10.12. 9:00 UTC)', (at, late) => {
    expect(isLateCancellation(new Date(at), startsAt)).toBe(late);
  });

  it('should not call a cancellation late when the request has no start', () => {
    expect(isLateCancellation(new Date(), null)).toBe(false);
  });

  it('should know the reasons and refuse anything else', () => {
    expect(isDeclineReason('too-far')).toBe(true);
    expect(isDeclineReason('ill')).toBe(false);
    expect(isDropOutReason('ill')).toBe(true);
    expect(isDropOutReason(3)).toBe(false);
  });

  it('should keep a note on one line, drop an empty one and refuse a long one', () => {
    expect(normaliseAnswerNote('  zu  weit\nweg ')).toEqual({ ok: true, note: 'zu weit weg' });
    expect(normaliseAnswerNote('   ')).toEqual({ ok: true, note: null });
    expect(normaliseAnswerNote(undefined)).toEqual({ ok: true, note: null });
    expect(normaliseAnswerNote(5)).toEqual({ ok: false, error: 'not-text' });
    expect(normaliseAnswerNote('x'.repeat(ANSWER_NOTE_MAX_LENGTH + 1))).toEqual({
      ok: false,
      error: 'too-long',
    });
  });
});
