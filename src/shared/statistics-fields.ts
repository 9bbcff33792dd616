/*
 * Optional facts people give for the funders' statistics only (docs/reports.md): the volunteers
 * feature stores a gender, the help-seekers feature priority groups, and the reports count both.
 */

/** A volunteer's gender, only if they give it (null = not given). */
export const GENDERS = ['female', 'male', 'diverse'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Priority groups funders ask about (help-seekers reached), recorded only if the person says so;
 * none = not given. Migration background and disability are special-category-like data: staff and
 * the reports only, never volunteers or hosts (docs/privacy.md).
 */
export const PRIORITY_GROUPS = ['older-people', 'migration-background', 'disability'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

/** Each group once, in the fixed order (a checked list from a form or an API may repeat or reorder). */
export function orderedPriorityGroups(groups: readonly string[]): PriorityGroup[] {
  return PRIORITY_GROUPS.filter((group) => groups.includes(group));
}
