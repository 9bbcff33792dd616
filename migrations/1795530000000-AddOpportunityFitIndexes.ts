import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunity fit (matching both ways, issue 13), index-backed like the request engine:
 * - nearest published opportunities first: GiST (KNN) on `opportunity.location`, published and
 *   placed ones only; remote ones by a small partial index;
 * - the volunteer's interests against fields of activity: GIN on published `fields_of_activity`;
 * - the other way round the engine's own `volunteer_active_location_gist`, `volunteer_interests_gin`
 *   and `volunteer_language_codes_gin` serve; placements by opportunity and by volunteer are indexed
 *   by the foundation.
 */
export class AddOpportunityFitIndexes1795530000000 implements MigrationInterface {
  name = 'AddOpportunityFitIndexes1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_location_gist" ON "opportunity" USING gist ("location") WHERE "status" = 'published' AND NOT "remote"`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_remote_idx" ON "opportunity" ("published_at", "id") WHERE "status" = 'published' AND "remote"`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_fields_gin" ON "opportunity" USING gin ("fields_of_activity") WHERE "status" = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_started_idx" ON "placement" ("opportunity_id") WHERE "stage" = 'started'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "placement_started_idx"`);
    await queryRunner.query(`DROP INDEX "opportunity_published_fields_gin"`);
    await queryRunner.query(`DROP INDEX "opportunity_published_remote_idx"`);
    await queryRunner.query(`DROP INDEX "opportunity_published_location_gist"`);
  }
}
