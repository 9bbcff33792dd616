import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages and volunteers in control: earliest send times for notifications and outbox jobs,
 * volunteer preferences (offer delivery, quiet hours), double opt-in, the follow-up outcome on a
 * match, and call tasks for help-seekers without email.
 *
 * Volunteers registered before double opt-in existed were entered by staff after an intake
 * conversation; their addresses count as confirmed from their registration, so they keep getting
 * offers. New registrations start unconfirmed.
 */
export class AddMessagesAndVolunteerPreferences1795235000000 implements MigrationInterface {
  name = 'AddMessagesAndVolunteerPreferences1795235000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "not_before" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_job" ADD "not_before" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "offer_delivery" text NOT NULL DEFAULT 'immediate'`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "quiet_hours" text DEFAULT '21:00-08:00'`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "email_confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "volunteer" SET "email_confirmed_at" = "created_at"`);
    await queryRunner.query(`ALTER TABLE "match" ADD "follow_up_outcome" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "follow_up_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      CREATE TABLE "call_task" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "reason" text NOT NULL,
        "match_id" uuid NOT NULL,
        "help_request_id" uuid NOT NULL,
        "help_seeker_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "done_at" TIMESTAMP WITH TIME ZONE,
        "done_by_staff_id" uuid,
        CONSTRAINT "UQ_call_task_reason_match" UNIQUE ("reason", "match_id"),
        CONSTRAINT "PK_call_task" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_call_task_status_created" ON "call_task" ("status", "created_at")`,
    );
    // Batched offers are looked up per recipient when their digest goes out.
    await queryRunner.query(
      `CREATE INDEX "notification_batched_idx" ON "notification" ("recipient") WHERE status = 'batched'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notification_batched_idx"`);
    await queryRunner.query(`DROP TABLE "call_task"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "follow_up_at"`);
    await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "follow_up_outcome"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "email_confirmed_at"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "quiet_hours"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "offer_delivery"`);
    await queryRunner.query(`ALTER TABLE "outbox_job" DROP COLUMN "not_before"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "not_before"`);
  }
}
