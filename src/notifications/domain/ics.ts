import { addDays, isoWeekday } from '../../shared/berlin-time';
import type { AssignmentSchedule } from './send-schedule';

/*
 * An iCalendar (RFC 5545) file for the confirmation email, so the volunteer can add the
 * assignment to their calendar. Times are written in Europe/Berlin with the zone's rules included
 * (VTIMEZONE), so a weekly assignment stays at 10:00 across the DST changes.
 */

export interface CalendarEntry {
  /** Stable per match, so a resent invitation updates the entry instead of adding a second one. */
  uid: string;
  summary: string;
  description: string;
  location: string;
  schedule: AssignmentSchedule;
  /** The day the series starts from (weekly schedules), YYYY-MM-DD. */
  firstDate: string;
  /** DTSTAMP: when the file was made. */
  createdAt: Date;
}

const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n?|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const local = (date: string, time: string): string => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;

function utcStamp(instant: Date): string {
  return `${instant.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

/** The first date on or after `from` that falls on `weekday`. */
function onOrAfter(from: string, weekday: number): string {
  let date = from;
  while (isoWeekday(date) !== weekday) {
    date = addDays(date, 1);
  }
  return date;
}

export function buildIcs(entry: CalendarEntry): string {
  const occurrences =
    entry.schedule.kind === 'one-off'
      ? [{ date: entry.schedule.date, start: entry.schedule.start, end: entry.schedule.end, rrule: null }]
      : entry.schedule.slots.map((slot) => ({
          date: onOrAfter(entry.firstDate, slot.weekday),
          start: slot.start,
          end: slot.end,
          rrule: `FREQ=WEEKLY;BYDAY=${BYDAY[slot.weekday]}`,
        }));
  const events = occurrences.flatMap((occurrence, index) => [
    'BEGIN:VEVENT',
    // One UID per weekly slot; a one-off has exactly the match's UID.
    `UID:${occurrences.length > 1 ? entry.uid.replace('@', `-${index + 1}@`) : entry.uid}`,
    `DTSTAMP:${utcStamp(entry.createdAt)}`,
    `DTSTART;TZID=Europe/Berlin:${local(occurrence.date, occurrence.start)}`,
    `DTEND;TZID=Europe/Berlin:${local(occurrence.date, occurrence.end === '24:00' ? '23:59' : occurrence.end)}`,
    ...(occurrence.rrule ? [`RRULE:${occurrence.rrule}`] : []),
    `SUMMARY:${escapeIcsText(entry.summary)}`,
    `DESCRIPTION:${escapeIcsText(entry.description)}`,
    `LOCATION:${escapeIcsText(entry.location)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ]);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//nahbar//Freiwilligenagentur//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...VTIMEZONE_BERLIN,
    ...events,
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
