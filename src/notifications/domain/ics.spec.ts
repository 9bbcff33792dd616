import { berlinInstant } from '../../shared/berlin-time';
import { buildIcs, escapeIcsText, foldIcsLine, type CalendarEntry } from './ics';
import { firstAssignmentDate } from './send-schedule';

const base: CalendarEntry = {
  uid: 'match-3f2a@nahbar',
  summary: 'Einkaufshilfe, Ottensen',
  description: 'Ansprechperson: Erika Meyer; Telefon 040 123',
  location: 'Musterstraße 12, 22765 Hamburg',
  schedule: { kind: 'one-off', date: '2026-03-29', start: '10:00', end: '11:30' },
  firstDate: '2026-03-29',
  createdAt: new Date('2026-03-20T12:00:00Z'),
};

/** Unfolds and splits an iCalendar text into its content lines. */
const lines = (ics: string): string[] => ics.replace(/\r\n /g, '').split('\r\n');

describe('buildIcs', () => {
  it('should write one VEVENT with a stable UID and Berlin local times backed by a VTIMEZONE', () => {
    const ics = buildIcs(base);
    const content = lines(ics);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(content).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'METHOD:PUBLISH',
        'TZID:Europe/Berlin',
        'UID:match-3f2a@nahbar',
        'DTSTAMP:20260320T120000Z',
        'DTSTART;TZID=Europe/Berlin:20260329T100000',
        'DTEND;TZID=Europe/Berlin:20260329T113000',
        'SUMMARY:Einkaufshilfe\\, Ottensen',
        'DESCRIPTION:Ansprechperson: Erika Meyer\\; Telefon 040 123',
        'END:VCALENDAR',
      ]),
    );
    expect(content.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(buildIcs(base)).toBe(ics);
  });

  it.each([
    // The Sunday of the March change: 10:00 local is 08:00 UTC (CEST), the day before 09:00 UTC.
    ['2026-03-29', '2026-03-29T08:00:00.000Z'],
    ['2026-03-28', '2026-03-28T09:00:00.000Z'],
    ['2026-10-25', '2026-10-25T09:00:00.000Z'],
    ['2026-10-24', '2026-10-24T08:00:00.000Z'],
  ])('should name local 10:00 on %s, which is %s', (date, utc) => {
    const ics = buildIcs({ ...base, schedule: { kind: 'one-off', date, start: '10:00', end: '11:00' } });
    const start = /DTSTART;TZID=Europe\/Berlin:(\d{8})T(\d{2})(\d{2})00/.exec(ics)!;
    const localDate = `${start[1].slice(0, 4)}-${start[1].slice(4, 6)}-${start[1].slice(6)}`;
    expect(berlinInstant(localDate, `${start[2]}:${start[3]}`).toISOString()).toBe(utc);
    // The zone's rules are the EU ones: last Sunday of March and of October.
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });

  it('should repeat a weekly assignment per slot from the first date on', () => {
    const ics = buildIcs({
      ...base,
      schedule: {
        kind: 'weekly',
        slots: [
          { weekday: 1, start: '15:00', end: '16:30' },
          { weekday: 4, start: '09:00', end: '10:00' },
        ],
      },
      firstDate: '2026-11-23',
    });
    const content = lines(ics);
    expect(content).toEqual(
      expect.arrayContaining([
        'UID:match-3f2a-1@nahbar',
        'UID:match-3f2a-2@nahbar',
        'DTSTART;TZID=Europe/Berlin:20261123T150000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'DTSTART;TZID=Europe/Berlin:20261126T090000',
        'RRULE:FREQ=WEEKLY;BYDAY=TH',
      ]),
    );
  });
});

describe('iCalendar text', () => {
  it.each([
    ['a, b; c\\d', 'a\\, b\\; c\\\\d'],
    ['line 1\nline 2\r\nline 3', 'line 1\\nline 2\\nline 3'],
  ])('should escape %p', (raw, escaped) => {
    expect(escapeIcsText(raw)).toBe(escaped);
  });

  it('should fold long lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'ä'.repeat(100)}`;
    const folded = foldIcsLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('a weekly assignment with a first day', () => {
  it('should start the weekly series on the first date, not on the day after the acceptance', () => {
    const schedule = {
      kind: 'weekly' as const,
      from: '2026-12-08',
      slots: [{ weekday: 2, start: '09:00', end: '12:00' }],
    };
    const acceptedAt = berlinInstant('2026-11-20', '10:00');
    const firstDate = firstAssignmentDate(schedule, acceptedAt);
    expect(firstDate).toBe('2026-12-08');
    const lines = buildIcs({
      uid: 'match-1@nahbar',
      summary: 'Einkaufshilfe',
      description: '',
      location: '22765 Ottensen',
      schedule,
      firstDate: firstDate!,
      createdAt: acceptedAt,
    })
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20261208T090000');
    expect(lines).toContain('DTEND;TZID=Europe/Berlin:20261208T120000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU');
  });

  it('should start tomorrow at the earliest when the first day has passed', () => {
    const schedule = {
      kind: 'weekly' as const,
      from: '2026-01-06',
      slots: [{ weekday: 2, start: '09:00', end: '12:00' }],
    };
    expect(firstAssignmentDate(schedule, berlinInstant('2026-12-07', '10:00'))).toBe('2026-12-08');
    expect(firstAssignmentDate(schedule, berlinInstant('2026-12-08', '10:00'))).toBe('2026-12-15');
  });
});
