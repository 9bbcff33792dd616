import { answerSummary, endReasonFor, needsAttention, parseFollowUpAnswers } from './follow-up-answers';

describe('parseFollowUpAnswers', () => {
  it('should accept the two choices and trim the optional problem text', () => {
    expect(parseFollowUpAnswers({ going: 'partly', active: 'yes', problem: '  late bus \r\n' })).toEqual({
      ok: true,
      answers: { going: 'partly', active: 'yes', problem: 'late bus' },
    });
    expect(parseFollowUpAnswers({ going: 'yes', active: 'no', problem: '   ' })).toEqual({
      ok: true,
      answers: { going: 'yes', active: 'no', problem: null },
    });
  });

  it('should name every missing, unknown or oversized field', () => {
    expect(parseFollowUpAnswers({})).toEqual({
      ok: false,
      errors: [
        { field: 'going', code: 'required' },
        { field: 'active', code: 'required' },
      ],
    });
    expect(parseFollowUpAnswers({ going: 'maybe', active: ['yes'], problem: 'x'.repeat(2001) })).toEqual({
      ok: false,
      errors: [
        { field: 'going', code: 'invalid' },
        { field: 'active', code: 'invalid' },
        { field: 'problem', code: 'too-long' },
      ],
    });
    expect(parseFollowUpAnswers(null)).toMatchObject({ ok: false });
    expect(parseFollowUpAnswers({ going: 'yes', active: 'yes', problem: { a: 1 } })).toEqual({
      ok: false,
      errors: [{ field: 'problem', code: 'invalid' }],
    });
  });
});

describe('what an answer means', () => {
  it('should need attention for "partly", "no" or any problem text, and sum up inactive first', () => {
    expect(needsAttention({ going: 'yes', active: 'yes', problem: null })).toBe(false);
    expect(needsAttention({ going: 'partly', active: 'yes', problem: null })).toBe(true);
    expect(needsAttention({ going: 'yes', active: 'yes', problem: 'x' })).toBe(true);
    expect(answerSummary({ going: 'yes', active: 'yes', problem: null })).toBe('good');
    expect(answerSummary({ going: 'no', active: 'yes', problem: null })).toBe('problem');
    expect(answerSummary({ going: 'yes', active: 'no', problem: null })).toBe('inactive');
    expect(endReasonFor('volunteer')).toBe('volunteer-changed-mind');
    expect(endReasonFor('host')).toBe('host-declined');
  });
});
