import type { OpportunityTimePattern } from '../opportunities/domain/time-pattern';

const DAYS = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'];

/**
 * A time pattern as a short German text for the platform export ("Di 15:00–17:00",
 * "flexibel, ca. 4 Std./Woche", "einmalig 2027-06-12 14:00–18:00"); pages use the catalogue.
 */
export function describeTimePattern(pattern: OpportunityTimePattern): string {
  switch (pattern.kind) {
    case 'weekly':
      return pattern.slots.map((slot) => `${DAYS[slot.weekday - 1]} ${slot.start}–${slot.end}`).join(', ');
    case 'flexible': {
      const parts = [
        pattern.hoursPerWeek ? `ca. ${pattern.hoursPerWeek} Std./Woche` : null,
        pattern.hoursPerMonth ? `ca. ${pattern.hoursPerMonth} Std./Monat` : null,
      ].filter((part): part is string => part !== null);
      return ['flexibel', ...parts].join(', ');
    }
    case 'one-off':
      return `einmalig ${pattern.date} ${pattern.start}–${pattern.end}`;
  }
}
