import type { WeeklySlot } from '../../src/shared/schedule';
import { berlinDateOf } from '../../src/shared/berlin-time';

/** A date the given number of days ahead, in Hamburg, as YYYY-MM-DD. */
export function daysAhead(days: number, from = new Date()): string {
  const date = new Date(from.getTime() + days * 24 * 3600_000);
  return berlinDateOf(date);
}

/** Free every day from 8 to 20 o'clock: available for any daytime request. */
export const ALL_WEEK: WeeklySlot[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
  weekday,
  start: '08:00',
  end: '20:00',
}));

let volunteerCounter = 0;

/** A valid body for POST /api/staff/volunteers; override what the test is about. */
export function volunteerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  volunteerCounter += 1;
  return {
    name: `Freiwillige ${volunteerCounter}`,
    email: `volunteer-${volunteerCounter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    languages: [{ code: 'de', level: 'native' }],
    skills: ['shopping'],
    postalCode: '22765',
    maxTravelKm: 5,
    availability: ALL_WEEK,
    status: 'active',
    // Most tests are about something else: address checked at the desk, no quiet hours, so the
    // offer goes out at once whatever time the tests run. Tests of those features override them.
    emailVerifiedByStaff: true,
    quietHours: null,
    ...overrides,
  };
}

/** A valid body for POST /api/public/help-requests; override what the test is about. */
export function publicHelpRequestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'shopping',
    description: 'Wocheneinkauf im Supermarkt um die Ecke, etwa eine Stunde.',
    postalCode: '22765',
    schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:30' },
    helpSeeker: {
      name: 'Erika Muster',
      phone: '040 1234567',
      streetAddress: 'Große Bergstraße 189',
      preferredContact: 'phone',
    },
    consent: { dataProcessing: true },
    ...overrides,
  };
}
