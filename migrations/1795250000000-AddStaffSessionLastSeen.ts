import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff sessions end after SESSION_IDLE_MINUTES without a request: the last request's time (touched
 * at most once a minute). Existing sessions count as seen now.
 */
export class AddStaffSessionLastSeen1795250000000 implements MigrationInterface {
  name = 'AddStaffSessionLastSeen1795250000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "staff_session" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_session" DROP COLUMN "last_seen_at"`);
  }
}
