import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request id (X-Request-Id) a job was written under, so the worker's log lines for that job
 * carry the same id as the API's lines for the request that caused it. Null for older rows.
 */
export class AddOutboxRequestId1795370000000 implements MigrationInterface {
  name = 'AddOutboxRequestId1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_job" ADD "request_id" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_job" DROP COLUMN "request_id"`);
  }
}
