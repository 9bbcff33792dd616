import { EXCLUSION_REASONS, type ExclusionReason } from './types';
import { type LocalizedText } from '../../shared/localized-text';

/** Each hard rule in words, for "which rules excluded how many" (the per-volunteer text is more specific). */
export const EXCLUSION_REASON_LABELS: Readonly<Record<ExclusionReason, Readonly<LocalizedText>>> = deepFreeze(
  {
    'not-active': { de: 'ist nicht aktiv', en: 'is not active' },
    away: { de: 'ist abwesend', en: 'is away' },
    blocked: { de: 'für diese Person gesperrt', en: 'blocked for this person' },
    'already-asked': {
      de: 'wurde für diese Anfrage schon angefragt',
      en: 'was already offered this request',
    },
    'under-minimum-age': { de: 'jünger als das Mindestalter', en: 'younger than the minimum age' },
    'language-missing': {
      de: 'spricht die benötigte Sprache nicht',
      en: 'does not speak the needed language',
    },
    'certificate-missing': {
      de: 'kein erweitertes Führungszeugnis eingesehen',
      en: 'no extended criminal record certificate inspected',
    },
    'certificate-expired': { de: 'Führungszeugnis zu alt', en: 'criminal record certificate too old' },
    'outside-radius': { de: 'wohnt zu weit weg', en: 'lives too far away' },
    'not-available': {
      de: 'hat zur gewünschten Zeit keine Zeit',
      en: 'not available at the requested time',
    },
    'double-booked': {
      de: 'hat zur selben Zeit schon einen Einsatz',
      en: 'already has an assignment at that time',
    },
    'at-capacity': { de: 'hat schon genug offene Einsätze', en: 'already has enough open assignments' },
    'weekly-offer-cap': {
      de: 'hat diese Woche schon genug Anfragen',
      en: 'already had enough offers this week',
    },
  },
);

export interface ExclusionSummaryLine {
  reason: ExclusionReason;
  count: number;
  label: LocalizedText;
  /** e.g. "3 × spricht die benötigte Sprache nicht". */
  text: LocalizedText;
}

/**
 * The rules that excluded anyone, in rule order, with how many they excluded. Takes a RankingResult
 * or a stored summary; reasons missing from an older stored summary count as 0.
 */
export function summariseExclusions(result: {
  exclusionCounts: Partial<Record<ExclusionReason, number>>;
}): ExclusionSummaryLine[] {
  return EXCLUSION_REASONS.flatMap((reason) => {
    const count = result.exclusionCounts[reason] ?? 0;
    if (!(count > 0)) {
      return [];
    }
    const label = EXCLUSION_REASON_LABELS[reason];
    return [{ reason, count, label, text: { de: `${count} × ${label.de}`, en: `${count} × ${label.en}` } }];
  });
}

function deepFreeze<T extends Record<string, LocalizedText>>(labels: T): Readonly<T> {
  Object.values(labels).forEach((label) => Object.freeze(label));
  return Object.freeze(labels);
}
