import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (docs/reports.md) count events by their own timestamp in a period: these indexes let each
 * figure read only its period's rows (matched, offered, answered, signed up, erased, proposed,
 * started, ended).
 */
export class AddReportIndexes1795560000000 implements MigrationInterface {
  name = 'AddReportIndexes1795560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "help_request_matched_at_idx" ON "help_request" ("matched_at") WHERE matched_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "match_offered_at_idx" ON "match" ("offered_at") WHERE offered_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "match_accepted_responded_idx" ON "match" ("responded_at") WHERE status IN ('accepted', 'dropped-out')`,
    );
    await queryRunner.query(`CREATE INDEX "volunteer_created_at_idx" ON "volunteer" ("created_at")`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_erased_at_idx" ON "volunteer" ("erased_at") WHERE erased_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_proposed_at_idx" ON "placement" ("proposed_at") WHERE proposed_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_started_on_idx" ON "placement" ("started_on") WHERE started_on IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_ended_on_idx" ON "placement" ("ended_on") WHERE ended_on IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'placement_ended_on_idx',
      'placement_started_on_idx',
      'placement_proposed_at_idx',
      'volunteer_erased_at_idx',
      'volunteer_created_at_idx',
      'match_accepted_responded_idx',
      'match_offered_at_idx',
      'help_request_matched_at_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
  }
}
