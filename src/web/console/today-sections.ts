/*
 * Heute's sections in the order they need action, and the rule that puts each request in exactly
 * one of them: the first (most pressing) section it qualifies for. Pure, so the order is one
 * table that a test pins down.
 */

/** Most pressing first. Sections about requests come before those about people and emails. */
export const TODAY_SECTION_ORDER = [
  /** The cascade stopped: no time left for another offer (help_request.escalated_at). */
  'escalated',
  /** Waiting longer than the agency's threshold for its urgency. */
  'overdue',
  /** A help-seeker must hear from us by phone. */
  'callBack',
  /** Matching found nobody eligible. */
  'noEligible',
  /** A volunteer said no or let the offer expire, and there is no new offer yet. */
  'declined',
  /** New from the public pages, or no staff member has looked at it yet. */
  'new',
  /** Proposals ready for staff to approve. */
  'review',
  /** Offers out, waiting for the volunteer's answer until their deadline. */
  'offered',
  /** Help that takes place today. */
  'appointments',
  /** Volunteers who signed up online and confirmed their email: activation / interview. */
  'signUps',
  'undeliverable',
  /** Follow-up answers saying it goes badly or partly, or naming a problem, no staff step since. */
  'placementFollowUpProblems',
  /** Placements waiting at a stage longer than the agency's threshold for it. */
  'placementsStuck',
  /** Published or paused opportunities past their review-by date. */
  'opportunitiesPastReview',
] as const;

export type TodaySectionKey = (typeof TODAY_SECTION_ORDER)[number];

const RANK = new Map<TodaySectionKey, number>(TODAY_SECTION_ORDER.map((key, index) => [key, index]));

/** Compares two sections by how pressing they are (negative: `a` first). */
export function compareSections(a: TodaySectionKey, b: TodaySectionKey): number {
  return (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0);
}

export interface SectionCandidate<T> {
  section: TodaySectionKey;
  /** The request the item is about; items without one (an email, a volunteer) are never merged. */
  requestId: string | null;
  item: T;
}

/**
 * Every section in order with its items; a request that qualifies for several sections appears
 * once, in the most pressing one. Within a section the candidates keep their given order.
 */
export function placeOnce<T>(
  candidates: readonly SectionCandidate<T>[],
): { key: TodaySectionKey; items: T[] }[] {
  const best = new Map<string, TodaySectionKey>();
  for (const { section, requestId } of candidates) {
    const current = requestId === null ? undefined : best.get(requestId);
    if (requestId !== null && (current === undefined || compareSections(section, current) < 0)) {
      best.set(requestId, section);
    }
  }
  const placed = new Set<string>();
  const items = new Map<TodaySectionKey, T[]>(TODAY_SECTION_ORDER.map((key) => [key, []]));
  for (const { section, requestId, item } of candidates) {
    if (requestId !== null) {
      if (best.get(requestId) !== section || placed.has(requestId)) {
        continue;
      }
      placed.add(requestId);
    }
    items.get(section)!.push(item);
  }
  return TODAY_SECTION_ORDER.map((key) => ({ key, items: items.get(key)! }));
}
