import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public opportunity search, the partner feed and the platform export read only published
 * opportunities, so every index here is partial on `status = 'published'`:
 * - GiST on the earthdistance point: "within 10 km of 22765" (earth_box) and nearest first (KNN `<->`);
 * - GIN on fields of activity and languages: `&&` filters;
 * - btree on (published_at, id) for the newest-first list without a place, on (updated_at, id) for the
 *   feed's `updatedSince` paging, and on district.
 */
export class AddOpportunitySearchIndexes1795550000000 implements MigrationInterface {
  name = 'AddOpportunitySearchIndexes1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_place_gist" ON "opportunity" USING gist ("location") WHERE "status" = 'published' AND "location" IS NOT NULL`,
    );
    // Fields of activity: opportunity_published_fields_gin (AddOpportunityFitIndexes) serves both.
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_languages_gin" ON "opportunity" USING gin ("languages") WHERE "status" = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_recent_idx" ON "opportunity" ("published_at" DESC, "id") WHERE "status" = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_updated_idx" ON "opportunity" ("updated_at", "id") WHERE "status" = 'published'`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_district_idx" ON "opportunity" ("district") WHERE "status" = 'published'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'opportunity_published_district_idx',
      'opportunity_published_updated_idx',
      'opportunity_published_recent_idx',
      'opportunity_published_languages_gin',
      'opportunity_published_place_gist',
    ]) {
      await queryRunner.query(`DROP INDEX "${name}"`);
    }
  }
}
