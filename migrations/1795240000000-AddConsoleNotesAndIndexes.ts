import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff console: notes on requests, and the indexes its pages read through (volunteer search by
 * name, district and status in name order; the "Heute" sections; the duplicate check at intake).
 */
export class AddConsoleNotesAndIndexes1795240000000 implements MigrationInterface {
  name = 'AddConsoleNotesAndIndexes1795240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "help_request_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "staff_user_id" uuid, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_help_request_note" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "help_request_note_request_idx" ON "help_request_note" ("request_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "help_request_note" ADD CONSTRAINT "help_request_note_request_fk" FOREIGN KEY ("request_id") REFERENCES "help_request"("id") ON DELETE CASCADE`,
    );
    // Volunteer search: substring match on name and email, the rest in name order.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_name_trgm" ON "volunteer" USING gin (lower("name") gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "volunteer_email_trgm" ON "volunteer" USING gin ("email" gin_trgm_ops)`,
    );
    await queryRunner.query(`CREATE INDEX "volunteer_name_idx" ON "volunteer" ("name", "id")`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_status_name_idx" ON "volunteer" ("status", "name", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "volunteer_district_name_idx" ON "volunteer" ("district", "name", "id")`,
    );
    // "Heute": requests waiting since their last status change; recent declines. (Undelivered emails
    // use notification_status_idx from SplitNotificationComposeAndSend.)
    await queryRunner.query(
      `CREATE INDEX "help_request_status_changed_idx" ON "help_request" ("status", "status_changed_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "match_answered_idx" ON "match" ("updated_at") WHERE status IN ('declined', 'expired')`,
    );
    // Phone intake: is the caller already known?
    await queryRunner.query(`CREATE INDEX "help_seeker_name_idx" ON "help_seeker" (lower("name"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "help_seeker_name_idx"`);
    await queryRunner.query(`DROP INDEX "match_answered_idx"`);
    await queryRunner.query(`DROP INDEX "notification_subject_idx"`);
    await queryRunner.query(`DROP INDEX "notification_created_idx"`);
    await queryRunner.query(`DROP INDEX "help_request_status_changed_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_district_name_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_status_name_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_name_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_email_trgm"`);
    await queryRunner.query(`DROP INDEX "volunteer_name_trgm"`);
    await queryRunner.query(`DROP TABLE "help_request_note"`);
  }
}
