import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email delivery in two steps: a composed email is kept on the notification row when SMTP fails,
 * so a retry only talks SMTP. Adds the retry window's start, the index the sweeper and the staff
 * list use, and the addresses a server refused for good. A 5xx used to be status `failed`; it is
 * now `undeliverable` (`failed` means temporary errors outlasted the retry window).
 */
export class SplitNotificationComposeAndSend1795230000000 implements MigrationInterface {
  name = 'SplitNotificationComposeAndSend1795230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "undeliverable_address" ("address" text NOT NULL, "response_code" integer NOT NULL, "reason" text NOT NULL, "notification_id" uuid NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_86dd284729a684c8cfc2718ab95" PRIMARY KEY ("address"))`,
    );
    await queryRunner.query(`ALTER TABLE "notification" ADD "composed_email" jsonb`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "composed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "first_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "notification_status_idx" ON "notification" ("status", "created_at") `,
    );
    await queryRunner.query(`UPDATE "notification" SET "status" = 'undeliverable' WHERE "status" = 'failed'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "notification" SET "status" = CASE WHEN "status" = 'composed' THEN 'pending' ELSE 'failed' END
        WHERE "status" IN ('composed', 'undeliverable')`,
    );
    await queryRunner.query(`DROP INDEX "public"."notification_status_idx"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "first_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "composed_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "composed_email"`);
    await queryRunner.query(`DROP TABLE "undeliverable_address"`);
  }
}
