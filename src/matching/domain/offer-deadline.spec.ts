import fc from 'fast-check';
import { berlinInstant, berlinWallClock } from '../../shared/berlin-time';
import { MIN_ANSWER_MINUTES, offerDeadline } from './offer-deadline';

const at = (date: string, time: string) => berlinInstant(date, time);
const base = { offerResponseHours: 48, offerLeadHours: 24, recurring: false };

describe('offerDeadline', () => {
  it('uses the answer time when the appointment is far away', () => {
    const sendsAt = at('2026-06-01', '10:00');
    expect(offerDeadline({ ...base, sendsAt, startsAt: at('2026-06-20', '10:00') })).toEqual({
      kind: 'ok',
      expiresAt: at('2026-06-03', '10:00'),
      cappedByAppointment: false,
    });
  });

  it('ends the lead time before the appointment when that is earlier', () => {
    const sendsAt = at('2026-06-01', '10:00');
    expect(offerDeadline({ ...base, sendsAt, startsAt: at('2026-06-02', '18:00') })).toEqual({
      kind: 'ok',
      expiresAt: at('2026-06-01', '18:00'),
      cappedByAppointment: true,
    });
  });

  it('is too late when less than an hour would be left to answer', () => {
    const sendsAt = at('2026-06-01', '10:00');
    const result = offerDeadline({ ...base, sendsAt, startsAt: at('2026-06-02', '10:30') });
    expect(result).toEqual({ kind: 'too-late', latestAnswerAt: at('2026-06-01', '10:30') });
    expect(offerDeadline({ ...base, sendsAt, startsAt: at('2026-06-02', '11:00') }).kind).toBe('ok');
  });

  it('weekly help is never too late: the first week is lost, not the help', () => {
    const sendsAt = at('2026-06-01', '10:00');
    expect(offerDeadline({ ...base, recurring: true, sendsAt, startsAt: at('2026-06-01', '15:00') })).toEqual(
      {
        kind: 'ok',
        expiresAt: at('2026-06-03', '10:00'),
        cappedByAppointment: false,
      },
    );
  });

  it('without an appointment uses the answer time', () => {
    const sendsAt = at('2026-06-01', '10:00');
    expect(offerDeadline({ ...base, sendsAt, startsAt: null })).toMatchObject({
      expiresAt: at('2026-06-03', '10:00'),
    });
  });

  describe('across DST (lead time is elapsed hours)', () => {
    it('spring forward: 24 h before Sun 29.03. 10:00 (CEST) is Sat 9:00 (CET)', () => {
      const result = offerDeadline({
        ...base,
        sendsAt: at('2026-03-27', '12:00'),
        startsAt: at('2026-03-29', '10:00'),
      });
      expect(result.kind).toBe('ok');
      if (result.kind !== 'ok') {
        return;
      }
      expect(berlinWallClock(result.expiresAt)).toMatchObject({ date: '2026-03-28', time: '09:00' });
      expect(at('2026-03-29', '10:00').getTime() - result.expiresAt.getTime()).toBe(24 * 3600_000);
    });

    it('fall back: 24 h before Sun 25.10. 10:00 (CET) is Sat 11:00 (CEST)', () => {
      const result = offerDeadline({
        ...base,
        sendsAt: at('2026-10-23', '12:00'),
        startsAt: at('2026-10-25', '10:00'),
      });
      expect(result.kind === 'ok' && berlinWallClock(result.expiresAt)).toMatchObject({
        date: '2026-10-24',
        time: '11:00',
      });
    });

    it('an appointment right after the spring gap is still reachable', () => {
      // 03:30 on 29.03. is 01:30 UTC; 2 h lead → 23:30 UTC = 00:30 CET.
      const result = offerDeadline({
        ...base,
        offerLeadHours: 2,
        sendsAt: at('2026-03-28', '20:00'),
        startsAt: at('2026-03-29', '03:30'),
      });
      expect(result.kind === 'ok' && berlinWallClock(result.expiresAt)).toMatchObject({
        date: '2026-03-29',
        time: '00:30',
      });
    });
  });

  it('property: never later than either bound, and too-late exactly when less than the minimum is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 30 }),
        fc.integer({ min: -60 * 24, max: 60 * 24 * 30 }),
        fc.integer({ min: 1, max: 336 }),
        fc.integer({ min: 0, max: 168 }),
        (sendMinute, startOffset, responseHours, leadHours) => {
          const sendsAt = new Date(Date.UTC(2026, 0, 1) + sendMinute * 60_000);
          const startsAt = new Date(sendsAt.getTime() + startOffset * 60_000);
          const result = offerDeadline({
            sendsAt,
            startsAt,
            offerResponseHours: responseHours,
            offerLeadHours: leadHours,
            recurring: false,
          });
          const byAppointment = startsAt.getTime() - leadHours * 3600_000;
          if (byAppointment - sendsAt.getTime() < MIN_ANSWER_MINUTES * 60_000) {
            expect(result.kind).toBe('too-late');
          } else {
            expect(result.kind).toBe('ok');
            if (result.kind !== 'ok') {
              return;
            }
            expect(result.expiresAt.getTime()).toBeLessThanOrEqual(byAppointment);
            expect(result.expiresAt.getTime()).toBeLessThanOrEqual(
              sendsAt.getTime() + responseHours * 3600_000,
            );
            expect(result.expiresAt.getTime() - sendsAt.getTime()).toBeGreaterThanOrEqual(
              MIN_ANSWER_MINUTES * 60_000,
            );
          }
        },
      ),
    );
  });
});
