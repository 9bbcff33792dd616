import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a request records why: the reason (unfulfilled: nobody fits, came too late …; rejected:
 * spam or duplicate) and the staff's note; a duplicate points to the request it was merged into.
 * A withdrawn match keeps why it was withdrawn, for the polite email to the volunteer.
 */
export class AddRequestCloseOutcome1795440000000 implements MigrationInterface {
  name = 'AddRequestCloseOutcome1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "help_request" ADD "close_reason" text`);
    await queryRunner.query(`ALTER TABLE "help_request" ADD "close_note" text`);
    await queryRunner.query(`ALTER TABLE "help_request" ADD "merged_into_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "help_request" ADD CONSTRAINT "help_request_merged_into_fk"
         FOREIGN KEY ("merged_into_id") REFERENCES "help_request"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_merged_into_idx" ON "help_request" ("merged_into_id") WHERE "merged_into_id" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "match" ADD "withdrawal_reason" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "withdrawal_reason"`);
    await queryRunner.query(`DROP INDEX "help_request_merged_into_idx"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP CONSTRAINT "help_request_merged_into_fk"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "merged_into_id"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "close_note"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "close_reason"`);
  }
}
