import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distinct-person figures of the open calendar periods (this month, quarter, year; docs/reports.md
 * "Open periods"): `report_open_fact` holds, per Berlin day of the current year before the
 * rollup's `covered_until`, the people (and matched requests) each figure counts, once per day;
 * `report_open_figure` their distinct counts per open period, so a page adds only today's people
 * that are not counted yet. The job fills both (`open_facts_from`: the first day the facts cover).
 */
export class AddReportOpenFacts1795700000000 implements MigrationInterface {
  name = 'AddReportOpenFacts1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_open_fact" (
         "day" date NOT NULL, "measure" text NOT NULL, "person" text NOT NULL, "key" text NOT NULL,
         "value" double precision,
         CONSTRAINT "PK_report_open_fact" PRIMARY KEY ("measure", "person", "key", "day"))`,
    );
    await queryRunner.query(`CREATE INDEX "report_open_fact_day_idx" ON "report_open_fact" ("day")`);
    // The time to match of an open period reads a year's stored hours from the index alone.
    await queryRunner.query(
      `CREATE INDEX "report_open_fact_measure_day_idx" ON "report_open_fact" ("measure", "day") INCLUDE ("value")`,
    );
    // Enquiries count public interests by their creation; without it every read scanned all placements.
    await queryRunner.query(
      `CREATE INDEX "placement_public_interest_created_idx" ON "placement" ("created_at") WHERE "source" = 'public-interest'`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_open_figure" (
         "period_from" date NOT NULL, "period_to" date NOT NULL, "measure" text NOT NULL, "key" text NOT NULL,
         "value" double precision,
         CONSTRAINT "PK_report_open_figure" PRIMARY KEY ("period_from", "period_to", "measure", "key"))`,
    );
    await queryRunner.query(`ALTER TABLE "report_rollup_state" ADD "open_facts_from" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report_rollup_state" DROP COLUMN "open_facts_from"`);
    await queryRunner.query(`DROP TABLE "report_open_figure"`);
    await queryRunner.query(`DROP TABLE "report_open_fact"`);
  }
}
