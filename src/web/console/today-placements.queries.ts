import type { EntityManager } from 'typeorm';
import {
  DEFAULT_PLACEMENT_SETTINGS,
  PLACEMENT_SETTINGS_KEY,
  validatePlacementSettings,
} from '../../settings/placement-settings';
import type { TodayItem } from './today.queries';

const DAY_MS = 24 * 3600_000;

/**
 * Heute's placement sections: placements waiting at a stage longer than the agency's threshold for
 * that stage (longest first), and opportunities still offered past their review-by date.
 */
export async function stuckPlacements(db: EntityManager, now: Date): Promise<TodayItem[]> {
  const [row] = await db.query<{ value: unknown }[]>(`SELECT value FROM agency_setting WHERE key = $1`, [
    PLACEMENT_SETTINGS_KEY,
  ]);
  const check = row ? validatePlacementSettings(row.value, DEFAULT_PLACEMENT_SETTINGS) : null;
  const { stuckAfterDays } = check?.ok ? check.settings : DEFAULT_PLACEMENT_SETTINGS;
  const stages = Object.keys(stuckAfterDays);
  const days = stages.map((stage) => stuckAfterDays[stage as keyof typeof stuckAfterDays]);
  const rows = await db.query<
    { id: string; volunteer_name: string; title: string; provider_name: string; stage_changed_at: Date }[]
  >(
    `SELECT p.id, v.name AS volunteer_name, o.title, pr.name AS provider_name, p.stage_changed_at
       FROM placement p
       JOIN unnest($1::text[], $2::int[]) AS threshold(stage, days) ON threshold.stage = p.stage
       JOIN volunteer v ON v.id = p.volunteer_id
       JOIN opportunity o ON o.id = p.opportunity_id
       JOIN provider pr ON pr.id = o.provider_id
      WHERE p.stage_changed_at < $3::timestamptz - make_interval(days => threshold.days)
      ORDER BY p.stage_changed_at
      LIMIT 100`,
    [stages, days, now],
  );
  return rows.map((placement) => ({
    requestId: null,
    category: null,
    district: null,
    since: new Date(placement.stage_changed_at),
    label: placement.volunteer_name,
    detail: `${placement.title} · ${placement.provider_name}`,
    href: `/console/placements/${placement.id}`,
  }));
}

export async function opportunitiesPastReview(db: EntityManager, now: Date): Promise<TodayItem[]> {
  const rows = await db.query<{ id: string; title: string; provider_name: string; review_by: string }[]>(
    `SELECT o.id, o.title, pr.name AS provider_name, o.review_by::text AS review_by
       FROM opportunity o JOIN provider pr ON pr.id = o.provider_id
      WHERE o.status IN ('published', 'paused') AND o.review_by < ($1::timestamptz AT TIME ZONE 'Europe/Berlin')::date
      ORDER BY o.review_by
      LIMIT 100`,
    [now],
  );
  return rows.map((opportunity) => ({
    requestId: null,
    category: null,
    district: null,
    since: new Date(new Date(`${opportunity.review_by}T00:00:00Z`).getTime() + DAY_MS),
    label: opportunity.title,
    detail: opportunity.provider_name,
    href: `/console/opportunities/${opportunity.id}`,
  }));
}
