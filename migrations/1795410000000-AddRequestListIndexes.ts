import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The requests list and the help-seekers list in the console (and their staff API): every filter
 * has an index, most ending in created_at (the list's default order), so a page is an index range
 * scan however many requests the agency has handled; the text searches use trigram indexes.
 */
export class AddRequestListIndexes1795410000000 implements MigrationInterface {
  name = 'AddRequestListIndexes1795410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "help_request_created_idx" ON "help_request" ("created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "help_request_district_created_idx" ON "help_request" ("district", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_category_created_idx" ON "help_request" ("category", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_urgency_created_idx" ON "help_request" ("urgency", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_source_created_idx" ON "help_request" ("source", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_language_created_idx" ON "help_request" ("needed_language", "created_at") WHERE "needed_language" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_urgency_rank_idx" ON "help_request" ((CASE "urgency" WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END), "created_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_waiting_idx" ON "help_request" ("status_changed_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_description_trgm" ON "help_request" USING gin ("description" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_seeker_name_trgm" ON "help_seeker" USING gin ("name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_seeker_email_trgm" ON "help_seeker" USING gin ("email" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_seeker_phone_digits_trgm" ON "help_seeker" USING gin ((regexp_replace(coalesce("phone", ''), '\\D', '', 'g')) gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "help_seeker_postal_code_idx" ON "help_seeker" ("postal_code")`);
    await queryRunner.query(
      `CREATE INDEX "help_seeker_name_order_idx" ON "help_seeker" (lower("name"), "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'help_seeker_name_order_idx',
      'help_seeker_postal_code_idx',
      'help_seeker_phone_digits_trgm',
      'help_seeker_email_trgm',
      'help_seeker_name_trgm',
      'help_request_description_trgm',
      'help_request_waiting_idx',
      'help_request_urgency_rank_idx',
      'help_request_language_created_idx',
      'help_request_source_created_idx',
      'help_request_urgency_created_idx',
      'help_request_category_created_idx',
      'help_request_district_created_idx',
      'help_request_created_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
  }
}
