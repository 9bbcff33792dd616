import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use set-password links for staff (the first admin from `npm run setup`, resets by an
 * operator): only the SHA-256 of the token is stored, with its expiry and when it was used.
 */
export class AddStaffPasswordLinks1795340000000 implements MigrationInterface {
  name = 'AddStaffPasswordLinks1795340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "staff_password_link" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "staff_user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "staff_password_link_pk" PRIMARY KEY ("id"),
        CONSTRAINT "staff_password_link_token_uq" UNIQUE ("token_hash"),
        CONSTRAINT "staff_password_link_user_fk" FOREIGN KEY ("staff_user_id")
          REFERENCES "staff_user"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "staff_password_link_user_idx" ON "staff_password_link" ("staff_user_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "staff_password_link"`);
  }
}
