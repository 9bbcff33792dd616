import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's opportunities list: newest first within a status, by field of activity, by
 * district, overdue review-by dates, and a text search over title and description (trigram, as
 * the requests list). Provider names are searched through the provider's own trigram index.
 */
export class AddOpportunityListIndexes1795510000000 implements MigrationInterface {
  name = 'AddOpportunityListIndexes1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "opportunity_status_created_idx" ON "opportunity" ("status", "created_at" DESC, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_created_idx" ON "opportunity" ("created_at" DESC, "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_fields_idx" ON "opportunity" USING gin ("fields_of_activity")`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_district_idx" ON "opportunity" ("district", "created_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_review_by_idx" ON "opportunity" ("review_by") WHERE "status" IN ('published', 'paused')`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_text_trgm" ON "opportunity" USING gin (("title" || ' ' || "description") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "provider_name_trgm" ON "provider" USING gin ("name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."provider_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_text_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_review_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_district_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_fields_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_status_created_idx"`);
  }
}
