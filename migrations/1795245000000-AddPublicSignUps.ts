import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Providers from the public sign-up page wait for staff review; those registered by staff are
 * approved; an erased volunteer keeps an anonymous row. (Help requests' new `in-review` status
 * needs no schema change: status is text.)
 */
export class AddPublicSignUps1795245000000 implements MigrationInterface {
  name = 'AddPublicSignUps1795245000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider" ADD "review_status" text NOT NULL DEFAULT 'approved'`);
    // A volunteer who deleted their account: the anonymous row stays for the match statistics.
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "erased_at"`);
    await queryRunner.query(`ALTER TABLE "provider" DROP COLUMN "review_status"`);
  }
}
