import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer life cycle (issue 12): an accepted match may end because the volunteer drops out
 * (status `dropped-out`, with reason, note, time and whether it was late); a declined offer keeps
 * the volunteer's reason; a volunteer's welcome email is sent once; advisory interviews
 * (Beratungsgespräche) are recorded, general enough for placements to refer to them later.
 */
export class AddVolunteerLifecycle1795460000000 implements MigrationInterface {
  name = 'AddVolunteerLifecycle1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match" ADD "ended_reason" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "ended_note" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "match" ADD "ended_late" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "match" ADD "ended_by_staff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "match" ADD "decline_reason" text`);
    await queryRunner.query(`ALTER TABLE "match" ADD "decline_note" text`);
    // Heute: recent drop-outs, newest first (a handful of rows among many matches).
    await queryRunner.query(
      `CREATE INDEX "match_dropped_out_idx" ON "match" ("ended_at") WHERE status = 'dropped-out'`,
    );
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "welcome_sent_at" TIMESTAMP WITH TIME ZONE`);
    // Volunteers activated before this change were welcomed in person: no welcome email for them later.
    await queryRunner.query(
      `UPDATE "volunteer" SET "welcome_sent_at" = "created_at" WHERE "status" <> 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "advisory_interview" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "volunteer_id" uuid NOT NULL,
         "held_on" date NOT NULL,
         "adviser_staff_id" uuid,
         "motivation" text,
         "time_budget" text,
         "mobility" text,
         "interests" text array NOT NULL DEFAULT '{}',
         "next_steps" text,
         "notes" text,
         "created_by_staff_id" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_advisory_interview" PRIMARY KEY ("id"),
         CONSTRAINT "FK_advisory_interview_volunteer" FOREIGN KEY ("volunteer_id")
           REFERENCES "volunteer"("id") ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX "advisory_interview_volunteer_idx" ON "advisory_interview" ("volunteer_id", "held_on")`,
    );
    await queryRunner.query(
      `CREATE INDEX "advisory_interview_held_on_idx" ON "advisory_interview" ("held_on")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "advisory_interview"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "welcome_sent_at"`);
    await queryRunner.query(`DROP INDEX "match_dropped_out_idx"`);
    for (const column of [
      'decline_note',
      'decline_reason',
      'ended_by_staff_id',
      'ended_late',
      'ended_at',
      'ended_note',
      'ended_reason',
    ]) {
      await queryRunner.query(`ALTER TABLE "match" DROP COLUMN "${column}"`);
    }
  }
}
