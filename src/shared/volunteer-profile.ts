/*
 * Words about a volunteer that the volunteers feature stores, the matching engine reads and the
 * console filters by, so none of them owns the others' vocabulary.
 */

export const VOLUNTEER_STATUSES = ['pending', 'active', 'paused', 'inactive'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/** An ISO 639 code (639-1 where one exists, else 639-3: Kurmanji `kmr` and Sorani `ckb` stay distinct). */
export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}
