import { translator } from '../../i18n';
import { availabilityLine, formatSchedule, formatWaited, parseAvailabilityLine } from './format';

const de = translator('de', 'staff');
const en = translator('en', 'staff');

describe('console formatting', () => {
  it('should say how long something waited in the largest sensible unit', () => {
    expect(formatWaited(5 * 60_000, de)).toBe('5 Min.');
    expect(formatWaited(3 * 3600_000 + 59 * 60_000, de)).toBe('3 Std.');
    expect(formatWaited(2 * 86_400_000, en)).toBe('2 d');
    expect(formatWaited(2 * 86_400_000 + 5 * 3600_000, de)).toBe('2 Tg. 5 Std.');
    expect(formatWaited(-1000, en)).toBe('0 min');
  });

  it('should write one-off and weekly schedules the way staff read them', () => {
    expect(formatSchedule({ kind: 'one-off', date: '2026-11-24', start: '10:00', end: '11:30' }, de)).toBe(
      'einmalig: Di., 24.11.2026, 10:00–11:30 Uhr',
    );
    expect(
      formatSchedule(
        {
          kind: 'weekly',
          slots: [
            { weekday: 2, start: '09:00', end: '12:00' },
            { weekday: 7, start: '14:00', end: '15:00' },
          ],
        },
        en,
        '2026-12-08',
      ),
    ).toBe('from Tue 8 Dec, every week Tue 9:00–12:00 and Sun 14:00–15:00');
  });

  it('should write weekly availability as one line and read it back in either language', () => {
    const slots = [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 3, start: '14:00', end: '18:30' },
    ];
    expect(availabilityLine(slots, de)).toBe('Mo 09:00-12:00, Mi 14:00-18:30');
    expect(parseAvailabilityLine(availabilityLine(slots, de))).toEqual(slots);
    expect(parseAvailabilityLine('Mon 9:00–12:00; wed 14:00 - 18:30')).toEqual(slots);
    expect(parseAvailabilityLine('sometimes')).toEqual([{ weekday: 0, start: '', end: '' }]);
    expect(parseAvailabilityLine('')).toEqual([]);
  });
});
