import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff account lifecycle: deactivation, a first password that must be changed, the language of
 * staff emails, optional TOTP two-factor with hashed recovery codes, password resets by emailed
 * single-use link (only the token's hash is stored), and sessions waiting for their second factor.
 */
export class AddStaffAccountLifecycle1795300000000 implements MigrationInterface {
  name = 'AddStaffAccountLifecycle1795300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_user"
      ADD "deactivated_at" TIMESTAMP WITH TIME ZONE,
      ADD "password_change_required" boolean NOT NULL DEFAULT false,
      ADD "locale" text NOT NULL DEFAULT 'de',
      ADD "totp_secret" text,
      ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE,
      ADD "totp_last_step" bigint,
      ADD "recovery_code_hashes" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "staff_session" ADD "second_factor_pending" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`CREATE TABLE "staff_password_reset" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "staff_user_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "requested_by_staff_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "staff_password_reset_pk" PRIMARY KEY ("id"),
      CONSTRAINT "staff_password_reset_token_uq" UNIQUE ("token_hash"),
      CONSTRAINT "staff_password_reset_user_fk" FOREIGN KEY ("staff_user_id")
        REFERENCES "staff_user"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(
      `CREATE INDEX "staff_password_reset_user_idx" ON "staff_password_reset" ("staff_user_id")`,
    );
    await queryRunner.query(`CREATE INDEX "staff_session_expires_idx" ON "staff_session" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "staff_session_expires_idx"`);
    await queryRunner.query(`DROP TABLE "staff_password_reset"`);
    await queryRunner.query(`ALTER TABLE "staff_session" DROP COLUMN "second_factor_pending"`);
    await queryRunner.query(`ALTER TABLE "staff_user"
      DROP COLUMN "deactivated_at", DROP COLUMN "password_change_required", DROP COLUMN "locale",
      DROP COLUMN "totp_secret", DROP COLUMN "totp_enabled_at", DROP COLUMN "totp_last_step", DROP COLUMN "recovery_code_hashes"`);
  }
}
