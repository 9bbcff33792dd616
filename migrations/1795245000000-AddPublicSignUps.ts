import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Providers from the public sign-up page wait for staff review; those registered by staff are
 * approved. (Help requests' new `in-review` status needs no schema change: status is text.)
 */
export class AddPublicSignUps1795245000000 implements MigrationInterface {
  name = 'AddPublicSignUps1795245000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider" ADD "review_status" text NOT NULL DEFAULT 'approved'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider" DROP COLUMN "review_status"`);
  }
}
