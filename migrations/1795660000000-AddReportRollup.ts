import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report rollup (docs/reports.md "Rollup"): the additive figures per Berlin day
 * (`report_daily`), the distinct-person figures per closed calendar month/quarter/year
 * (`report_period_figure`), how far the rollup reaches (`report_rollup_state`), and a log of
 * past days whose figures a late edit changed (`report_dirty_day`, written by row triggers on the
 * tables the reports read, so no code path can forget it). Days from today on are never logged:
 * they are always computed live.
 */
export class AddReportRollup1795660000000 implements MigrationInterface {
  name = 'AddReportRollup1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_daily" (
         "day" date NOT NULL, "measure" text NOT NULL, "district" text NOT NULL, "category" text NOT NULL,
         "source" text NOT NULL, "detail" text NOT NULL, "count" bigint NOT NULL,
         CONSTRAINT "PK_report_daily" PRIMARY KEY ("day", "measure", "district", "category", "source", "detail"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_period_figure" (
         "period_from" date NOT NULL, "period_to" date NOT NULL, "measure" text NOT NULL, "key" text NOT NULL,
         "value" double precision,
         CONSTRAINT "PK_report_period_figure" PRIMARY KEY ("period_from", "period_to", "measure", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_rollup_state" ("id" integer NOT NULL DEFAULT 1, "covered_until" date NOT NULL,
         "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_report_rollup_state" PRIMARY KEY ("id"), CONSTRAINT "report_rollup_state_one" CHECK ("id" = 1))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_dirty_day" ("id" bigserial NOT NULL, "day" date NOT NULL,
         CONSTRAINT "PK_report_dirty_day" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "report_dirty_day_day_idx" ON "report_dirty_day" ("day")`);
    // Time to match reads only the index for a period's matched requests.
    await queryRunner.query(
      `CREATE INDEX "help_request_matched_created_idx" ON "help_request" ("matched_at") INCLUDE ("created_at") WHERE matched_at IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE FUNCTION report_mark_days(VARIADIC days date[]) RETURNS void LANGUAGE sql AS $$
         INSERT INTO report_dirty_day (day)
         SELECT DISTINCT d FROM unnest(days) d
          WHERE d IS NOT NULL AND d < (now() AT TIME ZONE 'Europe/Berlin')::date
       $$`,
    );
    await queryRunner.query(`ALTER FUNCTION report_mark_days(date[]) SET search_path FROM CURRENT`);
    const day = (column: string) => `(${column} AT TIME ZONE 'Europe/Berlin')::date`;
    const triggers: {
      table: string;
      fields: string[];
      body: (row: 'OLD' | 'NEW') => string;
      extra?: string;
    }[] = [
      {
        table: 'help_request',
        fields: [
          'created_at',
          'matched_at',
          'closed_at',
          'status',
          'close_reason',
          'district',
          'category',
          'source',
          'help_seeker_id',
        ],
        body: (r) =>
          `PERFORM report_mark_days(${day(`${r}.created_at`)}, ${day(`${r}.matched_at`)}, ${day(`${r}.closed_at`)});`,
        // The offers table is broken down by the request's district/category/source.
        extra: `IF TG_OP = 'UPDATE' AND (OLD.district, OLD.category, OLD.source) IS DISTINCT FROM (NEW.district, NEW.category, NEW.source) THEN
                  PERFORM report_mark_days(VARIADIC ARRAY(SELECT DISTINCT ${day('m.offered_at')} FROM match m WHERE m.request_id = NEW.id));
                END IF;`,
      },
      {
        table: 'match',
        fields: ['offered_at', 'responded_at', 'status', 'request_id', 'volunteer_id'],
        body: (r) => `PERFORM report_mark_days(${day(`${r}.offered_at`)}, ${day(`${r}.responded_at`)});`,
      },
      {
        table: 'volunteer',
        fields: ['created_at', 'erased_at', 'district', 'birth_date'],
        body: (r) => `PERFORM report_mark_days(${day(`${r}.created_at`)}, ${day(`${r}.erased_at`)});`,
        // Active volunteers are counted by their district: a move changes every day they were active.
        extra: `IF TG_OP = 'UPDATE' AND OLD.district IS DISTINCT FROM NEW.district THEN
                  PERFORM report_mark_days(VARIADIC ARRAY(
                    SELECT ${day('m.responded_at')} FROM match m WHERE m.volunteer_id = NEW.id AND m.status IN ('accepted', 'dropped-out')
                    UNION SELECT p.started_on FROM placement p WHERE p.volunteer_id = NEW.id
                    UNION SELECT h.worked_on FROM hour_entry h WHERE h.volunteer_id = NEW.id AND h.status = 'approved'));
                END IF;`,
      },
      {
        table: 'placement',
        fields: ['proposed_at', 'started_on', 'ended_on', 'created_at', 'source', 'volunteer_id'],
        body: (r) =>
          `PERFORM report_mark_days(${day(`${r}.proposed_at`)}, ${r}.started_on, ${r}.ended_on, ${day(`${r}.created_at`)});`,
      },
      {
        table: 'hour_entry',
        fields: ['worked_on', 'minutes', 'status', 'volunteer_id'],
        body: (r) => `PERFORM report_mark_days(${r}.worked_on);`,
      },
      {
        table: 'advisory_interview',
        fields: ['held_on', 'volunteer_id'],
        body: (r) => `PERFORM report_mark_days(${r}.held_on);`,
      },
    ];
    for (const trigger of triggers) {
      const list = (r: string) => trigger.fields.map((field) => `${r}.${field}`).join(', ');
      await queryRunner.query(
        `CREATE FUNCTION report_mark_${trigger.table}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'UPDATE' AND (${list('OLD')}) IS NOT DISTINCT FROM (${list('NEW')}) THEN
             RETURN NULL;
           END IF;
           IF TG_OP <> 'INSERT' THEN ${trigger.body('OLD')} END IF;
           IF TG_OP <> 'DELETE' THEN ${trigger.body('NEW')} END IF;
           ${trigger.extra ?? ''}
           RETURN NULL;
         END $$`,
      );
      await queryRunner.query(`ALTER FUNCTION report_mark_${trigger.table}() SET search_path FROM CURRENT`);
      await queryRunner.query(
        `CREATE TRIGGER "report_mark_${trigger.table}" AFTER INSERT OR UPDATE OR DELETE ON "${trigger.table}"
         FOR EACH ROW EXECUTE FUNCTION report_mark_${trigger.table}()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'advisory_interview',
      'hour_entry',
      'placement',
      'volunteer',
      'match',
      'help_request',
    ]) {
      await queryRunner.query(`DROP TRIGGER "report_mark_${table}" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION report_mark_${table}()`);
    }
    await queryRunner.query(`DROP FUNCTION report_mark_days(date[])`);
    await queryRunner.query(`DROP INDEX "public"."help_request_matched_created_idx"`);
    await queryRunner.query(`DROP TABLE "report_dirty_day"`);
    await queryRunner.query(`DROP TABLE "report_rollup_state"`);
    await queryRunner.query(`DROP TABLE "report_period_figure"`);
    await queryRunner.query(`DROP TABLE "report_daily"`);
  }
}
