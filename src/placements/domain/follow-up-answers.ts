/*
 * The placement follow-up (docs/placements.md "Follow-up"): 8–12 weeks after "started" the
 * volunteer and the host are each asked three questions. Pure: parsing the answer form and
 * deciding what an answer means for the agency.
 */

export const FOLLOW_UP_GOING = ['yes', 'partly', 'no'] as const;
export type FollowUpGoing = (typeof FOLLOW_UP_GOING)[number];
export const FOLLOW_UP_ACTIVE = ['yes', 'no'] as const;
export type FollowUpActive = (typeof FOLLOW_UP_ACTIVE)[number];
export type FollowUpSide = 'volunteer' | 'host';
/** The signed link's action: whose answer it records. */
export const FOLLOW_UP_SIDES: readonly FollowUpSide[] = ['volunteer', 'host'];

export const FOLLOW_UP_PROBLEM_MAX = 2000;

export interface FollowUpAnswers {
  going: FollowUpGoing;
  problem: string | null;
  active: FollowUpActive;
}

export type FollowUpField = 'going' | 'problem' | 'active';
export type FollowUpParse =
  | { ok: true; answers: FollowUpAnswers }
  | { ok: false; errors: { field: FollowUpField; code: 'required' | 'too-long' | 'invalid' }[] };

const pick = <T extends string>(options: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : null;

/** The answer form's body: two required choices and an optional free text. */
export function parseFollowUpAnswers(body: unknown): FollowUpParse {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors: { field: FollowUpField; code: 'required' | 'too-long' | 'invalid' }[] = [];
  const going = pick(FOLLOW_UP_GOING, form.going);
  if (!going) {
    errors.push({
      field: 'going',
      code: form.going === undefined || form.going === '' ? 'required' : 'invalid',
    });
  }
  const active = pick(FOLLOW_UP_ACTIVE, form.active);
  if (!active) {
    errors.push({
      field: 'active',
      code: form.active === undefined || form.active === '' ? 'required' : 'invalid',
    });
  }
  let problem: string | null = null;
  if (form.problem !== undefined && typeof form.problem !== 'string') {
    errors.push({ field: 'problem', code: 'invalid' });
  } else if (typeof form.problem === 'string') {
    problem = form.problem.replace(/\r\n/g, '\n').trim() || null;
    if (problem !== null && problem.length > FOLLOW_UP_PROBLEM_MAX) {
      errors.push({ field: 'problem', code: 'too-long' });
    }
  }
  return errors.length > 0 || !going || !active
    ? { ok: false, errors }
    : { ok: true, answers: { going, problem, active } };
}

/** An answer staff should look at: not going well (or only partly), or a problem described. */
export const needsAttention = (answers: FollowUpAnswers): boolean =>
  answers.going !== 'yes' || answers.problem !== null;

/** The timeline's one-word summary (the placement page's existing labels): good, problem, inactive. */
export const answerSummary = (answers: FollowUpAnswers): 'good' | 'problem' | 'inactive' =>
  answers.active === 'no' ? 'inactive' : needsAttention(answers) ? 'problem' : 'good';

/** "Not active any more" ends a started placement; the reason names the side that said so. */
export const endReasonFor = (side: FollowUpSide): 'volunteer-changed-mind' | 'host-declined' =>
  side === 'volunteer' ? 'volunteer-changed-mind' : 'host-declined';
