import type { DataSource } from 'typeorm';
import type { JsonResponse } from './http';

/** The tables a refused write must leave untouched. */
export const WRITTEN_TABLES = [
  'help_request',
  'help_seeker',
  'consent_record',
  'outbox_job',
  'volunteer',
] as const;

export type RowCounts = Record<string, number>;

/** Row counts of the given tables, e.g. to show a refused request stored nothing. */
export async function countRows(
  dataSource: DataSource,
  tables: readonly string[] = WRITTEN_TABLES,
): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const table of tables) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = n;
  }
  return counts;
}

/** The API's one error shape (src/common/http-exception.filter.ts), with nothing else in it. */
export function expectErrorShape(response: JsonResponse, statusCode: number): void {
  expect(response.status).toBe(statusCode);
  expect(Object.keys(response.body ?? {}).sort()).toEqual(['error', 'errors', 'message', 'statusCode']);
  expect(response.body).toMatchObject({
    statusCode,
    error: expect.any(String),
    message: expect.any(String),
    errors: expect.any(Array),
  });
}

/**
 * A 400 that names `field` with a non-empty message, and (when given) the error code and part of
 * the message. Returns the messages for that field.
 */
export function expectFieldError(
  response: JsonResponse,
  field: string,
  expected: { status?: number; error?: string; message?: string | RegExp } = {},
): string[] {
  expectErrorShape(response, expected.status ?? 400);
  const fields = (response.body.errors as Array<{ field: string; message: string }>).map((e) => e.field);
  expect(fields).toContain(field);
  const messages = (response.body.errors as Array<{ field: string; message: string }>)
    .filter((e) => e.field === field)
    .map((e) => e.message);
  for (const message of messages) {
    expect(message.length).toBeGreaterThan(0);
  }
  if (expected.error !== undefined) {
    expect(response.body.error).toBe(expected.error);
  }
  if (expected.message !== undefined) {
    expect(
      messages.some((m) =>
        typeof expected.message === 'string' ? m.includes(expected.message) : expected.message!.test(m),
      ),
    ).toBe(true);
  }
  return messages;
}
