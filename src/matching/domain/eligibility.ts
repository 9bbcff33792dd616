import { berlinDateOf } from '../../shared/berlin-time';
import { addYears, formatDateDe, hasReachedAge } from './calendar';
import { distanceKm, formatKmDe, formatKmEn } from './geo';
import { languageName } from './language-names';
import { firstClash } from './double-booking';
import { coverage, formatScheduleDe, formatScheduleEn, isValidDate } from '../../shared/schedule';
import type {
  CandidateVolunteer,
  ExclusionReason,
  MatchableRequest,
  PriorAskOutcome,
  RankingContext,
} from './types';
import type { LocalizedText } from '../../shared/localized-text';
import type { VolunteerStatus } from '../../shared/volunteer-profile';

export type EligibilityResult =
  | { eligible: true; distanceKm: number }
  | { eligible: false; reason: ExclusionReason; explanation: LocalizedText };

const STATUS_NAMES: Record<VolunteerStatus, LocalizedText> = {
  pending: { de: 'noch nicht freigeschaltet', en: 'not yet approved' },
  active: { de: 'aktiv', en: 'active' },
  paused: { de: 'pausiert', en: 'paused' },
  inactive: { de: 'inaktiv', en: 'inactive' },
};

const PRIOR_ASKS: Record<PriorAskOutcome, LocalizedText> = {
  declined: { de: 'hat diese Anfrage schon abgelehnt', en: 'already declined this request' },
  withdrawn: {
    de: 'wurde für diese Anfrage schon angefragt (zurückgezogen)',
    en: 'was already offered this request (withdrawn)',
  },
  expired: {
    de: 'hat auf diese Anfrage nicht rechtzeitig geantwortet',
    en: 'did not answer this request in time',
  },
};

/**
 * Applies the hard rules in a fixed order (the order of EXCLUSION_REASONS) and reports the first
 * one that fails, so staff always see the same reason for the same volunteer. Date rules use the
 * calendar date of ctx.now in Europe/Berlin.
 */
export function checkEligibility(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  ctx: RankingContext,
  /** Soft rules staff override with a reason (see override.ts); safeguarding rules ignore this. */
  waived: ReadonlySet<ExclusionReason> = NOTHING_WAIVED,
): EligibilityResult {
  if (volunteer.status !== 'active') {
    const status = STATUS_NAMES[volunteer.status] ?? { de: volunteer.status, en: volunteer.status };
    return excluded('not-active', { de: `ist ${status.de}`, en: `is ${status.en}` });
  }

  if (volunteer.emailConfirmed === false) {
    return excluded('not-active', {
      de: 'hat die E-Mail-Adresse noch nicht bestätigt',
      en: 'has not confirmed their email address yet',
    });
  }

  const today = berlinDateOf(ctx.now);

  // An unreadable return date is ignored rather than keeping the volunteer away indefinitely.
  const awayUntil = volunteer.awayUntil;
  if (awayUntil !== null && isValidDate(awayUntil) && today <= awayUntil) {
    return excluded('away', {
      de: `bis ${formatDateDe(awayUntil)} abwesend`,
      en: `away until ${awayUntil}`,
    });
  }

  if (volunteer.blockedForThisRequest) {
    return excluded('blocked', { de: 'für diese Person gesperrt', en: 'blocked for this person' });
  }

  // Checked against undefined too: a caller that forgets the field must not exclude everyone.
  const asked = volunteer.askedForThisRequest;
  if (asked !== null && asked !== undefined) {
    return excluded(
      'already-asked',
      PRIOR_ASKS[asked] ?? {
        de: 'wurde für diese Anfrage schon angefragt',
        en: 'was already offered this request',
      },
    );
  }

  const minimumAge = request.minimumAge;
  if (minimumAge !== null && minimumAge > 0) {
    const years = Math.ceil(minimumAge);
    const birthDate = volunteer.birthDate;
    // Without a readable birth date the age cannot be shown, so the request is not offered.
    if (birthDate === null || !isValidDate(birthDate)) {
      return excluded('under-minimum-age', {
        de: `Geburtsdatum fehlt, Mindestalter ${years} Jahre`,
        en: `birth date missing, minimum age ${years}`,
      });
    }
    if (!hasReachedAge(birthDate, years, today)) {
      return excluded('under-minimum-age', {
        de: `unter ${years} Jahre`,
        en: `under ${years} years old`,
      });
    }
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
    if (addYears(inspectedOn, years) < today) {
      return excluded('certificate-expired', {
        de: `Führungszeugnis älter als ${years} ${years === 1 ? 'Jahr' : 'Jahre'} (eingesehen am ${formatDateDe(inspectedOn)})`,
        en: `certificate older than ${years} ${years === 1 ? 'year' : 'years'} (inspected on ${inspectedOn})`,
      });
    }
  }

  const km = distanceKm(request.location, volunteer.home);
  if (waived.has('outside-radius')) {
    // Overridden: "a little" beyond the radius, never further than overrideRadiusLimitKm allows.
    const limit = overrideRadiusLimitKm(volunteer.maxTravelKm);
    if (!(km <= limit)) {
      return excluded('outside-radius', {
        de: `${formatKmDe(km)} km entfernt, auch mit Ausnahme höchstens ${formatKmDe(limit)} km`,
        en: `${formatKmEn(km)} km away, at most ${formatKmEn(limit)} km even with an exception`,
      });
    }
  } else if (!(km <= volunteer.maxTravelKm)) {
    return excluded('outside-radius', {
      de: `${formatKmDe(km)} km entfernt, fährt höchstens ${formatLimit(volunteer.maxTravelKm, formatKmDe)} km`,
      en: `${formatKmEn(km)} km away, travels at most ${formatLimit(volunteer.maxTravelKm, formatKmEn)} km`,
    });
  }

  const share = coverage(volunteer.availability, request.schedule);
  if (share < 1 && !waived.has('not-available')) {
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

  const clash = firstClash(request.schedule, volunteer.busySchedules, today);
  if (clash !== null) {
    return excluded('double-booked', {
      de: `hat zur selben Zeit schon einen Einsatz: ${formatScheduleDe(clash)}`,
      en: `already has an assignment at that time: ${formatScheduleEn(clash)}`,
    });
  }

  // Written as "not below the limit" so a missing or non-numeric limit excludes instead of passing.
  const { openAssignments: open, maxOpenAssignments: max } = volunteer;
  if (!(open < max) && !waived.has('at-capacity')) {
    return excluded('at-capacity', {
      de: `hat schon ${open} von höchstens ${max} offenen Einsätzen`,
      en: `already has ${open} of at most ${max} open assignments`,
    });
  }

  const { offersLast7Days: offers, maxOffersPerWeek: cap } = volunteer;
  if (!(offers < cap) && !waived.has('weekly-offer-cap')) {
    if (cap === 0) {
      return excluded('weekly-offer-cap', {
        de: 'möchte zurzeit keine Anfragen (Grenze 0 pro Woche)',
        en: 'wants no offers at the moment (limit 0 per week)',
      });
    }
    return excluded('weekly-offer-cap', {
      de: `schon ${offers} ${offers === 1 ? 'Anfrage' : 'Anfragen'} diese Woche (Grenze ${cap})`,
      en: `already ${offers} ${offers === 1 ? 'offer' : 'offers'} this week (limit ${cap})`,
    });
  }

  return { eligible: true, distanceKm: km };
}

const NOTHING_WAIVED: ReadonlySet<ExclusionReason> = new Set();

/**
 * How far staff may stretch a volunteer's radius with an override: half as far again, at most
 * 5 km more ("a little beyond", not across the city).
 */
export function overrideRadiusLimitKm(maxTravelKm: number): number {
  const radius = Number.isFinite(maxTravelKm) && maxTravelKm > 0 ? maxTravelKm : 0;
  return radius + Math.min(radius * 0.5, 5);
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
