/**
 * An opportunity's life: hosts and staff write drafts; what a host submits waits `in-review` when
 * the agency reviews host submissions; only `published` ones are searchable, in the feed and in the
 * catalogue. `paused` (the host paused it, or its review-by date passed unconfirmed), `filled` (all
 * places taken) and `archived` (gone for good) are not offered to anyone.
 */
export const OPPORTUNITY_STATUSES = [
  'draft',
  'in-review',
  'published',
  'paused',
  'filled',
  'archived',
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** What the host offers its volunteers (shown as ticks; the platform export lists them too). */
export const HOST_OFFERS = [
  'induction',
  'training',
  'expenses',
  'insurance',
  'supervision',
  'certificate',
] as const;
export type HostOffer = (typeof HOST_OFFERS)[number];

/** Who wrote the opportunity: staff, or the host on its host page. */
export type OpportunitySubmitter = 'staff' | 'host';

/** Review-by date: the host confirms the offer at least every `months` (bagfa: three), counted from `confirmedOn`. */
export function reviewByDate(confirmedOn: string, months: number): string {
  const [year, month, day] = confirmedOn.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
