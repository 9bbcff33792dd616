import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly sums of the report rollup (docs/reports.md "Rollup"): `report_daily` holds about one row
 * per counted event at full size (every district × category × source combination of a day), so a
 * year's report summed up to a million rows. `report_monthly` holds each closed calendar month's
 * sums per measure by ONE dimension (`dim`: district, category, source, detail, or '' for the
 * total), which is all a report asks for; reports read whole closed months from it and only the
 * days at the edges of a range from `report_daily`. Filled here from the existing daily rows of the
 * months the rollup fully covers; the job keeps it current with the days.
 */
export class AddReportMonthly1795690000000 implements MigrationInterface {
  name = 'AddReportMonthly1795690000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_monthly" (
         "month" date NOT NULL, "measure" text NOT NULL, "dim" text NOT NULL, "key" text NOT NULL, "count" bigint NOT NULL,
         CONSTRAINT "PK_report_monthly" PRIMARY KEY ("dim", "measure", "month", "key"))`,
    );
    await queryRunner.query(
      `INSERT INTO report_monthly (month, measure, dim, key, count)
       SELECT month, measure,
              CASE WHEN GROUPING(district) = 0 THEN 'district' WHEN GROUPING(category) = 0 THEN 'category'
                   WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(detail) = 0 THEN 'detail' ELSE '' END,
              coalesce(district, category, source, detail, ''), sum(count)
         FROM (SELECT date_trunc('month', day::timestamp)::date AS month, measure, district, category, source, detail, count
                 FROM report_daily
                WHERE day < (SELECT date_trunc('month', covered_until::timestamp)::date FROM report_rollup_state WHERE id = 1)) d
        GROUP BY GROUPING SETS ((month, measure, district), (month, measure, category), (month, measure, source),
                                (month, measure, detail), (month, measure))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "report_monthly"`);
  }
}
