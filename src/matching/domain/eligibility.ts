import { distanceKm, formatKmDe, formatKmEn } from './geo';
import { languageName } from './language-names';
import { coverage, formatScheduleDe, formatScheduleEn, isValidDate } from './schedule';
import type {
  CandidateVolunteer,
  ExclusionReason,
  LocalizedText,
  MatchableRequest,
  RankingContext,
  VolunteerStatus,
} from './types';

export type EligibilityResult =
  | { eligible: true; distanceKm: number }
  | { eligible: false; reason: ExclusionReason; explanation: LocalizedText };

const STATUS_NAMES: Record<VolunteerStatus, LocalizedText> = {
  pending: { de: 'noch nicht freigeschaltet', en: 'not yet approved' },
  active: { de: 'aktiv', en: 'active' },
  paused: { de: 'pausiert', en: 'paused' },
  inactive: { de: 'inaktiv', en: 'inactive' },
};

/**
 * Applies the hard rules in a fixed order and reports the first one that fails, so staff always
 * see the same reason for the same volunteer.
 */
export function checkEligibility(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  ctx: RankingContext,
): EligibilityResult {
  if (volunteer.status !== 'active') {
    const status = STATUS_NAMES[volunteer.status] ?? { de: volunteer.status, en: volunteer.status };
    return excluded('not-active', { de: `ist ${status.de}`, en: `is ${status.en}` });
  }

  const language = request.neededLanguage;
  if (language !== null && !volunteer.languages.some((l) => l.code === language)) {
    const name = languageName(language);
    return excluded(
      'language-missing',
      name !== null
        ? { de: `spricht kein ${name.de}`, en: `does not speak ${name.en}` }
        : {
            de: `spricht nicht die benötigte Sprache (${language})`,
            en: `does not speak the needed language (${language})`,
          },
    );
  }

  if (request.requiresCertificate) {
    const inspectedOn = volunteer.certificateInspectedOn;
    // An unreadable date is no proof of inspection, so it counts as missing.
    if (inspectedOn === null || !isValidDate(inspectedOn)) {
      return excluded('certificate-missing', {
        de: 'kein erweitertes Führungszeugnis eingesehen',
        en: 'no extended criminal record certificate inspected',
      });
    }
    const years = ctx.policy.certificateValidityYears;
    if (addYears(inspectedOn, years) < utcDate(ctx.now)) {
      const [y, m, d] = inspectedOn.split('-');
      return excluded('certificate-expired', {
        de: `Führungszeugnis älter als ${years} ${years === 1 ? 'Jahr' : 'Jahre'} (eingesehen am ${d}.${m}.${y})`,
        en: `certificate older than ${years} ${years === 1 ? 'year' : 'years'} (inspected on ${inspectedOn})`,
      });
    }
  }

  const km = distanceKm(request.location, volunteer.home);
  if (!(km <= volunteer.maxTravelKm)) {
    return excluded('outside-radius', {
      de: `${formatKmDe(km)} km entfernt, fährt höchstens ${formatLimit(volunteer.maxTravelKm, formatKmDe)} km`,
      en: `${formatKmEn(km)} km away, travels at most ${formatLimit(volunteer.maxTravelKm, formatKmEn)} km`,
    });
  }

  const share = coverage(volunteer.availability, request.schedule);
  if (share < 1) {
    const when: LocalizedText = {
      de: formatScheduleDe(request.schedule),
      en: formatScheduleEn(request.schedule),
    };
    return excluded(
      'not-available',
      share === 0
        ? { de: `keine Zeit: ${when.de}`, en: `not available: ${when.en}` }
        : {
            de: `nur teilweise Zeit (${formatPercent(share)} %): ${when.de}`,
            en: `only partly available (${formatPercent(share)}%): ${when.en}`,
          },
    );
  }

  if (volunteer.openAssignments >= volunteer.maxOpenAssignments) {
    const { openAssignments: open, maxOpenAssignments: max } = volunteer;
    return excluded('at-capacity', {
      de: `hat schon ${open} von höchstens ${max} offenen Einsätzen`,
      en: `already has ${open} of at most ${max} open assignments`,
    });
  }

  return { eligible: true, distanceKm: km };
}

function excluded(reason: ExclusionReason, explanation: LocalizedText): EligibilityResult {
  return { eligible: false, reason, explanation };
}

/** A limit the volunteer chose is shown as entered: "5", not "5,0". */
function formatLimit(km: number, format: (km: number) => string): string {
  return Number.isInteger(km) ? String(km) : format(km);
}

function formatPercent(share: number): number {
  return Math.floor(share * 100);
}

/** YYYY-MM-DD of the instant in UTC; ISO dates compare correctly as strings. */
function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The anniversary as YYYY-MM-DD, kept as plain text so 29 February plus 5 years sorts between
 * 28 February and 1 March: the certificate then still counts on 28 February.
 */
function addYears(date: string, years: number): string {
  const [year, rest] = [Number(date.slice(0, 4)), date.slice(4)];
  return `${String(year + years).padStart(4, '0')}${rest}`;
}
