import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * help_request.starts_at: the first moment the help is needed (one-off: its date and start; weekly:
 * the first slot on or after its `from` day or the day it was asked), kept by the entity on every
 * save. Lists, answer deadlines and Heute filter and sort on it.
 */
export class AddRequestStartsAt1795400000000 implements MigrationInterface {
  name = 'AddRequestStartsAt1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "help_request" ADD "starts_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      UPDATE help_request
         SET starts_at = ((schedule->>'date') || ' ' || (schedule->>'start'))::timestamp AT TIME ZONE 'Europe/Berlin'
       WHERE schedule->>'kind' = 'one-off'`);
    // Weekly: the earliest slot in the 7 days from its from-day (or the Berlin day it was asked).
    await queryRunner.query(`
      UPDATE help_request r
         SET starts_at = first.starts_at
        FROM (
          SELECT r2.id, min((d.day + (slot->>'start')::time) AT TIME ZONE 'Europe/Berlin') AS starts_at
            FROM help_request r2
            CROSS JOIN LATERAL jsonb_array_elements(r2.schedule->'slots') AS slot
            CROSS JOIN LATERAL (
              SELECT greatest(coalesce((r2.schedule->>'from')::date, '-infinity'::date),
                              (r2.created_at AT TIME ZONE 'Europe/Berlin')::date) AS base
            ) b
            CROSS JOIN LATERAL (
              SELECT b.base + ((((slot->>'weekday')::int - extract(isodow FROM b.base)::int) + 7) % 7) AS day
            ) d
           WHERE r2.schedule->>'kind' = 'weekly'
           GROUP BY r2.id
        ) first
       WHERE r.id = first.id`);
    await queryRunner.query(`CREATE INDEX "help_request_starts_at_idx" ON "help_request" ("starts_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "help_request_starts_at_idx"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "starts_at"`);
  }
}
