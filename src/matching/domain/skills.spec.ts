import { matchSkill, skillAncestors, skillCredit, skillLabel } from './skills';
import { TEST_SKILLS } from './test-fixtures';
import { EMPTY_SKILL_TAXONOMY, type SkillTaxonomy } from './types';

const DEEP: SkillTaxonomy = {
  help: { de: 'Hilfe', en: 'Help' },
  accompaniment: { de: 'Begleitung', en: 'Accompaniment', parent: 'help' },
  'accompaniment.doctor': {
    de: 'Begleitung zum Arzt',
    en: 'Accompaniment to the doctor',
    parent: 'accompaniment',
  },
  'accompaniment.dentist': {
    de: 'Begleitung zum Zahnarzt',
    en: 'Accompaniment to the dentist',
    parent: 'accompaniment.doctor',
  },
  loop: { de: 'Schleife', en: 'Loop', parent: 'loop' },
};

describe('skillLabel', () => {
  it('should take the label from the taxonomy and fall back to the key', () => {
    expect(skillLabel('shopping', TEST_SKILLS)).toEqual({ de: 'Einkaufen', en: 'Shopping' });
    expect(skillLabel('tutoring', TEST_SKILLS)).toEqual({ de: 'tutoring', en: 'tutoring' });
    expect(skillLabel('shopping', EMPTY_SKILL_TAXONOMY)).toEqual({ de: 'shopping', en: 'shopping' });
  });

  it('should not mistake built-in object properties for skills', () => {
    expect(skillLabel('constructor', EMPTY_SKILL_TAXONOMY)).toEqual({ de: 'constructor', en: 'constructor' });
    expect(skillAncestors('toString', EMPTY_SKILL_TAXONOMY)).toEqual([]);
  });
});

describe('skillAncestors', () => {
  it('should list the parents nearest first', () => {
    expect(skillAncestors('accompaniment.dentist', DEEP)).toEqual([
      'accompaniment.doctor',
      'accompaniment',
      'help',
    ]);
  });

  it('should stop at a self-reference', () => {
    expect(skillAncestors('loop', DEEP)).toEqual([]);
  });
});

describe('matchSkill', () => {
  it.each<[string, string[], ReturnType<typeof matchSkill>]>([
    ['accompaniment', ['accompaniment'], { kind: 'exact' }],
    ['accompaniment', ['accompaniment.dentist'], { kind: 'child', via: 'accompaniment.dentist' }],
    [
      'help',
      ['accompaniment.dentist', 'accompaniment.doctor'],
      { kind: 'child', via: 'accompaniment.dentist' },
    ],
    ['accompaniment.dentist', ['help', 'accompaniment'], { kind: 'parent', via: 'accompaniment' }],
    ['accompaniment.dentist', ['help'], { kind: 'parent', via: 'help' }],
    [
      'accompaniment.doctor',
      ['accompaniment.dentist', 'help'],
      { kind: 'child', via: 'accompaniment.dentist' },
    ],
    ['accompaniment', ['loop'], { kind: 'none' }],
  ])('should match the needed %s with %j', (needed, skills, expected) => {
    expect(matchSkill(needed, skills, DEEP)).toEqual(expected);
    expect(matchSkill(needed, [...skills].reverse(), DEEP)).toEqual(expected);
  });

  it('should credit exact and child fully, a parent partly', () => {
    expect(skillCredit({ kind: 'exact' }, 0.5)).toBe(1);
    expect(skillCredit({ kind: 'child', via: 'x' }, 0.5)).toBe(1);
    expect(skillCredit({ kind: 'parent', via: 'x' }, 0.5)).toBe(0.5);
    expect(skillCredit({ kind: 'none' }, 0.5)).toBe(0);
  });
});
