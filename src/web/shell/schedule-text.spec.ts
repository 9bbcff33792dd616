import { translator } from '../../i18n';
import type { RequestSchedule } from '../../shared/schedule';
import { formatWhen, requestFirstDate, requestWhen } from './schedule-text';

const tuesdayMorning: RequestSchedule = {
  kind: 'weekly',
  from: '2026-12-08',
  slots: [{ weekday: 2, start: '09:00', end: '12:00' }],
};
const oneOff: RequestSchedule = { kind: 'one-off', date: '2026-12-08', start: '09:00', end: '12:00' };

describe('formatWhen', () => {
  it.each([
    ['de', 'ab Di., 8.12., jede Woche 9:00–12:00 Uhr'],
    ['en', 'from Tue 8 Dec, every week 9:00–12:00'],
    ['tr', '8 Ara Sal tarihinden itibaren, her hafta 9:00–12:00'],
    ['uk', 'з вт, 8 груд., щотижня 9:00–12:00'],
  ])('should say a weekly request starts on its first date, in %s', (locale, text) => {
    expect(formatWhen(translator(locale), tuesdayMorning, '2026-12-08')).toBe(text);
  });

  it.each(['ar', 'ru', 'fa'])('should write the first date and every slot in %s', (locale) => {
    const t = translator(locale);
    const text = formatWhen(t, tuesdayMorning, '2026-12-08');
    expect(text).toContain(t.date(new Date('2026-12-08T12:00:00Z'), { timeZone: 'UTC', weekday: 'short' }));
    expect(text).not.toContain('{');
  });

  it('should name each weekday when the slots fall on several days', () => {
    const twoDays: RequestSchedule = {
      kind: 'weekly',
      slots: [
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 4, start: '14:00', end: '16:00' },
      ],
    };
    expect(formatWhen(translator('de'), twoDays, '2026-12-08')).toBe(
      'ab Di., 8.12., jede Woche Di 9:00–12:00 Uhr und Do 14:00–16:00 Uhr',
    );
    expect(formatWhen(translator('en'), twoDays, '2026-12-08')).toBe(
      'from Tue 8 Dec, every week Tue 9:00–12:00 and Thu 14:00–16:00',
    );
  });

  it('should mark a one-off as once, so it reads differently from a standing commitment', () => {
    expect(formatWhen(translator('de'), oneOff)).toBe('einmalig: Di., 08.12.2026, 9:00–12:00 Uhr');
    expect(formatWhen(translator('en'), oneOff)).toBe('once: Tue, 08/12/2026, 9:00–12:00');
  });

  it('should fall back to the weekly pattern without a first date, and to "to be agreed" when invalid', () => {
    expect(formatWhen(translator('de'), tuesdayMorning)).toBe('jede Woche: Di 9:00–12:00 Uhr');
    expect(formatWhen(translator('de'), { kind: 'weekly', slots: [] })).toBe('Termin nach Absprache');
  });
});

describe('requestFirstDate', () => {
  it('should take the stored first moment, else the schedule from when it was asked', () => {
    expect(requestFirstDate({ schedule: tuesdayMorning, startsAt: new Date('2026-12-15T08:00:00Z') })).toBe(
      '2026-12-15',
    );
    expect(requestFirstDate({ schedule: tuesdayMorning, createdAt: new Date('2026-12-01T10:00:00Z') })).toBe(
      '2026-12-08',
    );
    expect(
      requestWhen(translator('de'), {
        schedule: tuesdayMorning,
        createdAt: new Date('2026-12-01T10:00:00Z'),
      }),
    ).toBe('ab Di., 8.12., jede Woche 9:00–12:00 Uhr');
  });
});
