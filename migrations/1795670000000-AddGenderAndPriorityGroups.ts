import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, the last report breakdowns (docs/reports.md): a volunteer's gender and a help-seeker's
 * priority groups, both optional and for the statistics only. `volunteer.gender` is null when not
 * given; `help_seeker.priority_groups` is empty when not given. Nothing else is stored (no free
 * text, no "other" with a description).
 *
 * The rollup must stay equal to the live SQL: the volunteer trigger now also watches `gender` (new
 * volunteers by gender is counted per day), and a change of a help-seeker's priority groups marks
 * the days their requests were received (help-seekers reached by priority group is counted per
 * closed period from those requests). The rollup state is cleared: reports read live until the
 * next job run backfills every day and closed period with the new figures.
 */
const VOLUNTEER_TRIGGER = (
  fields: string,
) => `CREATE OR REPLACE FUNCTION report_mark_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND (${fields.replace(/\$/g, 'OLD')}) IS NOT DISTINCT FROM (${fields.replace(/\$/g, 'NEW')}) THEN
      RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM report_mark_days((OLD.created_at AT TIME ZONE 'Europe/Berlin')::date, (OLD.erased_at AT TIME ZONE 'Europe/Berlin')::date); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM report_mark_days((NEW.created_at AT TIME ZONE 'Europe/Berlin')::date, (NEW.erased_at AT TIME ZONE 'Europe/Berlin')::date); END IF;
    IF TG_OP = 'UPDATE' AND OLD.district IS DISTINCT FROM NEW.district THEN
      PERFORM report_mark_days(VARIADIC ARRAY(
        SELECT (m.responded_at AT TIME ZONE 'Europe/Berlin')::date FROM match m WHERE m.volunteer_id = NEW.id AND m.status IN ('accepted', 'dropped-out')
        UNION SELECT p.started_on FROM placement p WHERE p.volunteer_id = NEW.id
        UNION SELECT h.worked_on FROM hour_entry h WHERE h.volunteer_id = NEW.id AND h.status = 'approved'));
    END IF;
    RETURN NULL;
  END $$`;

export class AddGenderAndPriorityGroups1795670000000 implements MigrationInterface {
  name = 'AddGenderAndPriorityGroups1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD "gender" text
         CONSTRAINT "volunteer_gender_check" CHECK ("gender" IN ('female', 'male', 'diverse'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "help_seeker" ADD "priority_groups" text[] NOT NULL DEFAULT '{}'
         CONSTRAINT "help_seeker_priority_groups_check"
         CHECK ("priority_groups" <@ ARRAY['older-people', 'migration-background', 'disability']::text[])`,
    );
    await queryRunner.query(
      VOLUNTEER_TRIGGER('$.created_at, $.erased_at, $.district, $.birth_date, $.gender'),
    );
    // CREATE OR REPLACE drops the function's settings: pin its search path again.
    await queryRunner.query(`ALTER FUNCTION report_mark_volunteer() SET search_path FROM CURRENT`);
    await queryRunner.query(
      `CREATE FUNCTION report_mark_help_seeker() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM report_mark_days(VARIADIC ARRAY(
           SELECT DISTINCT (r.created_at AT TIME ZONE 'Europe/Berlin')::date FROM help_request r WHERE r.help_seeker_id = NEW.id));
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(`ALTER FUNCTION report_mark_help_seeker() SET search_path FROM CURRENT`);
    await queryRunner.query(
      `CREATE TRIGGER "report_mark_help_seeker" AFTER UPDATE OF "priority_groups" ON "help_seeker"
       FOR EACH ROW WHEN (OLD.priority_groups IS DISTINCT FROM NEW.priority_groups)
       EXECUTE FUNCTION report_mark_help_seeker()`,
    );
    await queryRunner.query(`DELETE FROM "report_rollup_state"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "report_mark_help_seeker" ON "help_seeker"`);
    await queryRunner.query(`DROP FUNCTION report_mark_help_seeker()`);
    await queryRunner.query(VOLUNTEER_TRIGGER('$.created_at, $.erased_at, $.district, $.birth_date'));
    await queryRunner.query(`ALTER FUNCTION report_mark_volunteer() SET search_path FROM CURRENT`);
    await queryRunner.query(`ALTER TABLE "help_seeker" DROP COLUMN "priority_groups"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "gender"`);
  }
}
