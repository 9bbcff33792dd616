import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hosts jobs' scans (docs/hosts.md): placements waiting at "proposed" by how long, and
 * published opportunities by review-by date (reminders before it, pausing after it).
 */
export class AddHostReminderIndexes1795540000000 implements MigrationInterface {
  name = 'AddHostReminderIndexes1795540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "placement_proposed_waiting_idx" ON "placement" ("stage_changed_at") WHERE "stage" = 'proposed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_review_by_idx" ON "opportunity" ("review_by") WHERE "status" = 'published'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "opportunity_published_review_by_idx"`);
    await queryRunner.query(`DROP INDEX "placement_proposed_waiting_idx"`);
  }
}
