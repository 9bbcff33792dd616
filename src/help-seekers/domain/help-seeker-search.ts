import { likePattern } from './request-search';

/*
 * The help-seekers list: one search field for name, phone, email or postal code. What was typed
 * decides where to look, so each search is one index: a postal code (five digits) by its btree, a
 * phone number by the trigram index over its digits, anything else by the trigram indexes on name
 * and email (AddRequestListIndexes).
 */

export const HELP_SEEKER_PAGE_SIZE = 50;

export type HelpSeekerQuery =
  | { kind: 'all' }
  | { kind: 'postal-code'; postalCode: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'text'; text: string };

/** The digits of a phone number as typed ("+49 40 123-45" → "494012345"). */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

export function readHelpSeekerQuery(raw: unknown): HelpSeekerQuery {
  const q = typeof raw === 'string' ? raw.trim().slice(0, 120) : '';
  if (q === '') {
    return { kind: 'all' };
  }
  if (/^\d{5}$/.test(q)) {
    return { kind: 'postal-code', postalCode: q };
  }
  // Only digits and what people put between them: a phone number (at least three digits to search).
  if (/^[\d\s+()/.-]+$/.test(q) && phoneDigits(q).length >= 3) {
    return { kind: 'phone', digits: phoneDigits(q) };
  }
  return { kind: 'text', text: q };
}

/** The SQL expression the phone trigram index is built on; the query must use it verbatim. */
export const PHONE_DIGITS_SQL = `regexp_replace(coalesce(s.phone, ''), '\\D', '', 'g')`;

export function helpSeekerSearchSql(
  query: HelpSeekerQuery,
  page: number,
  limit = HELP_SEEKER_PAGE_SIZE,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  let where = '';
  if (query.kind === 'postal-code') {
    params.push(query.postalCode);
    where = `WHERE s.postal_code = $1`;
  } else if (query.kind === 'phone') {
    params.push(`%${query.digits}%`);
    where = `WHERE ${PHONE_DIGITS_SQL} LIKE $1`;
  } else if (query.kind === 'text') {
    params.push(likePattern(query.text));
    where = `WHERE s.id IN (SELECT id FROM help_seeker WHERE name ILIKE $1
                            UNION SELECT id FROM help_seeker WHERE email ILIKE $1)`;
  }
  const sql = `SELECT s.id, s.name, s.phone, s.email, s.postal_code AS "postalCode",
      s.preferred_contact AS "preferredContact", s.created_at AS "createdAt",
      (SELECT count(*)::int FROM help_request r WHERE r.help_seeker_id = s.id) AS "requests"
    FROM help_seeker s ${where}
    ORDER BY lower(s.name), s.id LIMIT ${limit + 1} OFFSET ${page * limit}`;
  return { sql, params };
}
