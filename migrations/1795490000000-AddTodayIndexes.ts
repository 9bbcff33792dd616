import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Heute at 100,000 requests: each section reads the first 50 rows of an index in its order and
 * stops, instead of filtering every open or placed request (bench:console, docs/benchmarks.md).
 */
export class AddTodayIndexes1795490000000 implements MigrationInterface {
  name = 'AddTodayIndexes1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // "Neu": requests waiting for staff, oldest first, until someone opens them.
    await queryRunner.query(
      `CREATE INDEX "help_request_waiting_work_idx" ON "help_request" ("created_at") WHERE "status" IN ('matching', 'open', 'proposals-ready')`,
    );
    // "Hilfesuchende zurückrufen": placed or unmatched requests, longest waiting first.
    await queryRunner.query(
      `CREATE INDEX "help_request_call_back_idx" ON "help_request" ("status_changed_at") WHERE "status" IN ('matched', 'open')`,
    );
    // "Termine heute", weekly help on today's weekday (one-off help is found by starts_at).
    await queryRunner.query(
      `CREATE INDEX "help_request_weekly_slots_idx" ON "help_request" USING gin (("schedule" -> 'slots') jsonb_path_ops) WHERE "status" IN ('matched', 'offered') AND "schedule" ->> 'kind' = 'weekly'`,
    );
    // Open requests per district: counted from the index alone.
    await queryRunner.query(
      `CREATE INDEX "help_request_open_district_idx" ON "help_request" ("district") WHERE "status" IN ('in-review', 'open', 'matching', 'proposals-ready', 'offered', 'matched')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'help_request_open_district_idx',
      'help_request_weekly_slots_idx',
      'help_request_call_back_idx',
      'help_request_waiting_work_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "${name}"`);
    }
  }
}
