import type { LocalizedText } from '../../shared/localized-text';
import type { SkillTaxonomy } from './types';

/** How a volunteer's skills meet one skill of a request. */
export type SkillMatch =
  /** The volunteer has the skill itself. */
  | { kind: 'exact' }
  /** The volunteer has a more specific skill under it ("accompaniment.doctor" for "accompaniment"). */
  | { kind: 'child'; via: string }
  /** The volunteer only has a more general skill above it ("accompaniment" for "accompaniment.doctor"). */
  | { kind: 'parent'; via: string }
  | { kind: 'none' };

/** The skill's labels from the taxonomy, or the key itself in both languages. */
export function skillLabel(key: string, taxonomy: SkillTaxonomy): LocalizedText {
  const entry = Object.hasOwn(taxonomy, key) ? taxonomy[key] : undefined;
  return { de: entry?.de ?? key, en: entry?.en ?? key };
}

/**
 * The parent chain of a skill, nearest first. A cycle or a self-reference in the taxonomy ends the
 * chain instead of looping.
 */
export function skillAncestors(key: string, taxonomy: SkillTaxonomy): string[] {
  const chain: string[] = [];
  const seen = new Set([key]);
  let current = key;
  for (;;) {
    const parent = Object.hasOwn(taxonomy, current) ? taxonomy[current].parent : undefined;
    if (parent === undefined || seen.has(parent)) {
      return chain;
    }
    chain.push(parent);
    seen.add(parent);
    current = parent;
  }
}

/**
 * Exact beats a child skill, which beats a parent skill. When several skills qualify, the nearest
 * parent, or the alphabetically first child, is named, so the result does not depend on the order
 * in which the volunteer's skills are stored.
 */
export function matchSkill(needed: string, volunteerSkills: string[], taxonomy: SkillTaxonomy): SkillMatch {
  const own = new Set(volunteerSkills);
  if (own.has(needed)) {
    return { kind: 'exact' };
  }
  const child = [...own]
    .filter((skill) => skillAncestors(skill, taxonomy).includes(needed))
    .sort(byCodeUnit)[0];
  if (child !== undefined) {
    return { kind: 'child', via: child };
  }
  const parent = skillAncestors(needed, taxonomy).find((ancestor) => own.has(ancestor));
  return parent !== undefined ? { kind: 'parent', via: parent } : { kind: 'none' };
}

/** 1 for the skill or a more specific one, `parentCredit` for a more general one, else 0. */
export function skillCredit(match: SkillMatch, parentCredit: number): number {
  switch (match.kind) {
    case 'exact':
    case 'child':
      return 1;
    case 'parent':
      return parentCredit;
    case 'none':
      return 0;
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
