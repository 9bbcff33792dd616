import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMatchingRulesAndSettings1795226607398 implements MigrationInterface {
  name = 'AddMatchingRulesAndSettings1795226607398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_setting" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_by_staff_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07636a06ea983786d7f4ebdba13" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "volunteer_block" ("help_seeker_id" uuid NOT NULL, "volunteer_id" uuid NOT NULL, "reason" text, "created_by_staff_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52b8787789600406b055a9f2742" PRIMARY KEY ("help_seeker_id", "volunteer_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "help_request" ADD "nice_to_have_skills" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "help_request" ADD "outcome" text`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "max_offers_per_week" integer NOT NULL DEFAULT '3'`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "birth_date" date`);
    await queryRunner.query(`ALTER TABLE "volunteer" ADD "away_until" date`);
    await queryRunner.query(
      `CREATE INDEX "help_request_help_seeker_idx" ON "help_request" ("help_seeker_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "match_volunteer_offered_idx" ON "match" ("volunteer_id", "offered_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "volunteer_block" ADD CONSTRAINT "volunteer_block_help_seeker_fk" FOREIGN KEY ("help_seeker_id") REFERENCES "help_seeker"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "volunteer_block" ADD CONSTRAINT "volunteer_block_volunteer_fk" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Nearest-first retrieval (KNN on a GiST index) of active volunteers; replaces the index on
    // the ll_to_earth() expression, which PostgreSQL recomputed per row when filtering.
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD "location" cube GENERATED ALWAYS AS (ll_to_earth(latitude, longitude)) STORED NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        await queryRunner.getCurrentDatabase(),
        await queryRunner.getCurrentSchema(),
        'volunteer',
        'GENERATED_COLUMN',
        'location',
        'll_to_earth(latitude, longitude)',
      ],
    );
    await queryRunner.query(`DROP INDEX "volunteer_location_gist"`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_active_location_gist" ON "volunteer" USING gist ("location") WHERE "status" = 'active'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "volunteer_active_location_gist"`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_location_gist" ON "volunteer" USING gist (ll_to_earth("latitude", "longitude")) WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = $3 AND "schema" = $4 AND "table" = $5`,
      [
        'GENERATED_COLUMN',
        'location',
        await queryRunner.getCurrentDatabase(),
        await queryRunner.getCurrentSchema(),
        'volunteer',
      ],
    );
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "location"`);
    await queryRunner.query(`ALTER TABLE "volunteer_block" DROP CONSTRAINT "volunteer_block_volunteer_fk"`);
    await queryRunner.query(`ALTER TABLE "volunteer_block" DROP CONSTRAINT "volunteer_block_help_seeker_fk"`);
    await queryRunner.query(`DROP INDEX "public"."match_volunteer_offered_idx"`);
    await queryRunner.query(`DROP INDEX "public"."help_request_help_seeker_idx"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "away_until"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "birth_date"`);
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "max_offers_per_week"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "nice_to_have_skills"`);
    await queryRunner.query(`DROP TABLE "volunteer_block"`);
    await queryRunner.query(`DROP TABLE "agency_setting"`);
  }
}
