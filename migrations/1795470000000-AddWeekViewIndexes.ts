import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the console's volunteer search and week view: volunteers by field of interest (GIN,
 * like skills and languages), and the weekly requests that may still occur in a week (matched, or
 * done but closed in or after it), so "has assignments this week" and /console/week do not read
 * every request ever made.
 */
export class AddWeekViewIndexes1795470000000 implements MigrationInterface {
  name = 'AddWeekViewIndexes1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "volunteer_interests_gin" ON "volunteer" USING gin ("interests")`);
    await queryRunner.query(
      `CREATE INDEX "help_request_weekly_running_idx" ON "help_request" ("closed_at")
        WHERE (schedule->>'kind') = 'weekly' AND status IN ('matched', 'done')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "help_request_weekly_running_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_interests_gin"`);
  }
}
