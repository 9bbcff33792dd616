/** The coarse times of day the public and self-service forms offer, as wall-clock windows (Europe/Berlin). */
export const PARTS_OF_DAY = {
  morning: { start: '09:00', end: '12:00' },
  afternoon: { start: '13:00', end: '17:00' },
  evening: { start: '17:00', end: '20:00' },
} as const;
export type PartOfDay = keyof typeof PARTS_OF_DAY;

/** Languages offered as checkboxes on the forms (ISO 639); staff can record any other. */
export const FORM_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa', 'pl'] as const;

/** "2-afternoon" (ISO weekday, part of day) → a weekly slot; anything else → null. */
export function slotOfChoice(
  choice: string,
): { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; start: string; end: string } | null {
  const [weekday, part] = choice.split('-');
  const day = Number(weekday);
  return Number.isInteger(day) && day >= 1 && day <= 7 && part in PARTS_OF_DAY
    ? { weekday: day as 1, ...PARTS_OF_DAY[part as PartOfDay] }
    : null;
}

/** The choices a stored weekly availability covers: a part of day counts when a slot overlaps it. */
export function choicesOfSlots(slots: { weekday: number; start: string; end: string }[]): string[] {
  return slots.flatMap((slot) =>
    (Object.keys(PARTS_OF_DAY) as PartOfDay[])
      .filter((part) => slot.start < PARTS_OF_DAY[part].end && slot.end > PARTS_OF_DAY[part].start)
      .map((part) => `${slot.weekday}-${part}`),
  );
}

type Slot = { weekday: number; start: string; end: string };

/**
 * The forms show availability as coarse parts of day. When the volunteer left those ticks as they
 * were (same parts of day as the stored slots cover), the stored slots stay, so saving the page
 * never coarsens the exact times staff entered (e.g. "Di 9:30–11 Uhr"); a changed tick replaces them.
 */
export function submittedOrFinerSlots<T extends Slot>(stored: T[], submitted: T[]): T[] {
  const choices = (slots: Slot[]) => [...new Set(choicesOfSlots(slots))].sort().join(',');
  return choices(stored) === choices(submitted) ? stored : submitted;
}
