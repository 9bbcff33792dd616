/**
 * A placement's way (DOMAIN.md §1.2): a person is interested, the agency advises them, proposes
 * them to the host, the host gets in touch, a trial visit (Hospitation), they start, and one day it
 * ends. Either side (or the agency) may decline at any stage before it started; once started it can
 * only end. The stages are ordered; "declined" and "ended" are final.
 */
export const PLACEMENT_STAGES = [
  'interested',
  'advised',
  'proposed',
  'host-contacted',
  'trial',
  'started',
  'ended',
  'declined',
] as const;
export type PlacementStage = (typeof PLACEMENT_STAGES)[number];

/** The stages a placement moves through while open, in order (the board's columns). */
export const OPEN_STAGES = [
  'interested',
  'advised',
  'proposed',
  'host-contacted',
  'trial',
  'started',
] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

export const FINAL_STAGES: readonly PlacementStage[] = ['ended', 'declined'];

/** Who moved it. */
export const PLACEMENT_ACTORS = ['staff', 'host', 'volunteer', 'system'] as const;
export type PlacementActor = (typeof PLACEMENT_ACTORS)[number];

/** Who said no, on a declined placement. */
export const DECLINING_SIDES = ['volunteer', 'host', 'agency'] as const;
export type DecliningSide = (typeof DECLINING_SIDES)[number];

/** Why a placement was declined or ended (a list, so reports can count them; "other" wants a note). */
export const PLACEMENT_END_REASONS = [
  'volunteer-changed-mind',
  'host-declined',
  'no-answer',
  'moved-away',
  'no-time',
  'health',
  'completed',
  'conflict',
  'not-suitable',
  'other',
] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];

/** How the placement came about. */
export const PLACEMENT_SOURCES = ['public-interest', 'staff', 'host'] as const;
export type PlacementSource = (typeof PLACEMENT_SOURCES)[number];

/** Stages a host may record on its host page (never "advised": that is the agency's work). */
const HOST_STAGES: readonly PlacementStage[] = ['host-contacted', 'trial', 'started', 'ended', 'declined'];

export const isFinalStage = (stage: PlacementStage): boolean => FINAL_STAGES.includes(stage);
export const isPlacementStage = (value: unknown): value is PlacementStage =>
  typeof value === 'string' && (PLACEMENT_STAGES as readonly string[]).includes(value);
export const isEndReason = (value: unknown): value is PlacementEndReason =>
  typeof value === 'string' && (PLACEMENT_END_REASONS as readonly string[]).includes(value);

const rank = (stage: PlacementStage): number => OPEN_STAGES.indexOf(stage as OpenStage);

export type StageMoveCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether `actor` may move a placement from `from` to `to`:
 * - nothing leaves a final stage;
 * - forward steps may skip stages (a phone call can settle several at once), never go back;
 * - "ended" only from "started"; "declined" from any open stage before "started";
 * - hosts only record what happens on their side; volunteers only decline or end.
 */
export function checkStageMove(
  from: PlacementStage,
  to: PlacementStage,
  actor: PlacementActor,
): StageMoveCheck {
  if (isFinalStage(from)) {
    return { ok: false, message: `the placement is already ${from}` };
  }
  if (from === to) {
    return { ok: false, message: `the placement is already at ${to}` };
  }
  if (actor === 'host' && !HOST_STAGES.includes(to)) {
    return { ok: false, message: `a host cannot move a placement to ${to}` };
  }
  if (actor === 'volunteer' && to !== 'declined' && to !== 'ended') {
    return { ok: false, message: `a volunteer can only decline or end a placement` };
  }
  if (to === 'ended') {
    return from === 'started'
      ? { ok: true }
      : { ok: false, message: 'only a started placement can end; decline it instead' };
  }
  if (to === 'declined') {
    return from === 'started'
      ? { ok: false, message: 'a started placement ends; it is no longer declined' }
      : { ok: true };
  }
  if (actor === 'host' && rank(from) < rank('proposed')) {
    return { ok: false, message: 'the agency has not proposed this volunteer to the host yet' };
  }
  return rank(to) > rank(from)
    ? { ok: true }
    : { ok: false, message: `a placement does not go back from ${from} to ${to}` };
}
