import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention job: one row per Berlin day it ran (counts only, no personal data), and per
 * volunteer the last time they were asked whether to stay and when they last said yes.
 */
export class AddRetention1795321000000 implements MigrationInterface {
  name = 'AddRetention1795321000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "retention_run" ("day" date NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "counts" jsonb NOT NULL, CONSTRAINT "PK_retention_run_day" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "volunteer_retention_check" ("volunteer_id" uuid NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stay_confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_volunteer_retention_check" PRIMARY KEY ("volunteer_id"), CONSTRAINT "volunteer_retention_check_volunteer_fk" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE)`,
    );
    // Closed cases are found by their closing time.
    await queryRunner.query(
      `CREATE INDEX "help_request_closed_at_idx" ON "help_request" ("closed_at") WHERE "closed_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "help_request_closed_at_idx"`);
    await queryRunner.query(`DROP TABLE "volunteer_retention_check"`);
    await queryRunner.query(`DROP TABLE "retention_run"`);
  }
}
