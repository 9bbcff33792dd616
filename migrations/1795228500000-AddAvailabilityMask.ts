import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Availability as a 336-bit mask (7 days × 48 half-hours, Monday 00:00 first), so candidate
 * retrieval can skip volunteers who are not free when help is needed. Both sides set every
 * half-hour a slot touches: a volunteer who covers the request covers every half-hour it touches,
 * so the pre-filter never drops someone the engine would accept; the engine then checks exactly.
 * Malformed slots are skipped rather than failing a write (the API validates them before).
 */
export class AddAvailabilityMask1795228500000 implements MigrationInterface {
  name = 'AddAvailabilityMask1795228500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION nahbar_slots_mask(slots jsonb) RETURNS bit(336) LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        mask bit(336) := repeat('0', 336)::bit(336);
        slot jsonb; day int; first_minute int; end_minute int; half_hour int;
      BEGIN
        IF jsonb_typeof(slots) IS DISTINCT FROM 'array' THEN RETURN mask; END IF;
        FOR slot IN SELECT value FROM jsonb_array_elements(slots) LOOP
          CONTINUE WHEN jsonb_typeof(slot) <> 'object'
            OR coalesce(slot->>'weekday', '') !~ '^[1-7]$'
            OR coalesce(slot->>'start', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
            OR coalesce(slot->>'end', '') !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';
          day := (slot->>'weekday')::int;
          first_minute := split_part(slot->>'start', ':', 1)::int * 60 + split_part(slot->>'start', ':', 2)::int;
          end_minute := split_part(slot->>'end', ':', 1)::int * 60 + split_part(slot->>'end', ':', 2)::int;
          CONTINUE WHEN end_minute <= first_minute;
          FOR half_hour IN (first_minute / 30) .. ((end_minute - 1) / 30) LOOP
            mask := set_bit(mask, (day - 1) * 48 + half_hour, 1);
          END LOOP;
        END LOOP;
        RETURN mask;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION nahbar_schedule_mask(schedule jsonb) RETURNS bit(336) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN schedule->>'kind' = 'one-off' AND coalesce(schedule->>'date', '') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
            nahbar_slots_mask(jsonb_build_array(jsonb_build_object(
              'weekday', extract(isodow FROM make_date(substr(schedule->>'date', 1, 4)::int,
                                                      substr(schedule->>'date', 6, 2)::int,
                                                      substr(schedule->>'date', 9, 2)::int))::int::text,
              'start', schedule->>'start', 'end', schedule->>'end')))
          WHEN schedule->>'kind' = 'weekly' THEN nahbar_slots_mask(schedule->'slots')
          ELSE repeat('0', 336)::bit(336)
        END $$`);
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD "availability_mask" bit(336) GENERATED ALWAYS AS (nahbar_slots_mask(availability)) STORED NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        await queryRunner.getCurrentDatabase(),
        await queryRunner.getCurrentSchema(),
        'volunteer',
        'GENERATED_COLUMN',
        'availability_mask',
        'nahbar_slots_mask(availability)',
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = $3 AND "schema" = $4 AND "table" = $5`,
      [
        'GENERATED_COLUMN',
        'availability_mask',
        await queryRunner.getCurrentDatabase(),
        await queryRunner.getCurrentSchema(),
        'volunteer',
      ],
    );
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "availability_mask"`);
    await queryRunner.query(`DROP FUNCTION nahbar_schedule_mask(jsonb)`);
    await queryRunner.query(`DROP FUNCTION nahbar_slots_mask(jsonb)`);
  }
}
