import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matches: an override of soft rules with its reason, an acceptance staff recorded on the
 * volunteer's behalf (agreed by phone), and a no-show or late cancellation (reliability).
 * Requests: escalated when no time is left to ask the next volunteer before the appointment.
 */
export class AddOverridesAttendanceEscalation1795450000000 implements MigrationInterface {
  name = 'AddOverridesAttendanceEscalation1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match" ADD "override_reason" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "overridden_rules" text array`);
    await queryRunner.query(`ALTER TABLE "match" ADD "overridden_by_staff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "match" ADD "accepted_on_behalf_by_staff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "match" ADD "attendance" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "attendance_recorded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "help_request" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "help_request" ADD "escalation_reason" text`);
    // Heute lists the escalated requests: few rows, so a partial index.
    await queryRunner.query(
      `CREATE INDEX "help_request_escalated_idx" ON "help_request" ("escalated_at") WHERE escalated_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "help_request_escalated_idx"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "escalation_reason"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "attendance_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "attendance"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "accepted_on_behalf_by_staff_id"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "overridden_by_staff_id"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "overridden_rules"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "override_reason"`);
  }
}
