import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit-log viewer lists newest first, filtered by staff member, action or subject, within a
 * period: each filter has an index ending in (at, id), the sort and keyset-page order, so a page is
 * an index range scan however long the log grows. The retention job strips details by `at`.
 */
export class AddAuditLogViewerIndexes1795320000000 implements MigrationInterface {
  name = 'AddAuditLogViewerIndexes1795320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "audit_log_staff_at_idx" ON "audit_log" ("staff_user_id", "at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "audit_log_action_at_idx" ON "audit_log" ("action", "at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "audit_log_entity_at_idx" ON "audit_log" ("entity_type", "entity_id", "at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_log_entity_at_idx"`);
    await queryRunner.query(`DROP INDEX "audit_log_action_at_idx"`);
    await queryRunner.query(`DROP INDEX "audit_log_staff_at_idx"`);
    await queryRunner.query(`DROP INDEX "audit_log_at_idx"`);
  }
}
