import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunity fit, the filtered nearest walks (issue 13 figures): a KNN walk of
 * `volunteer_active_location_gist` with a language or interests filter read and threw away the heap
 * row of every volunteer who did not qualify (for Turkish, six of seven; for Turkish and two fields,
 * thirty of thirty-one: 20–30 ms at 50,000 volunteers). These multi-column GiST indexes carry the
 * language codes and interests (fields of activity for opportunities) as lexemes beside the place, so
 * the filter runs inside the nearest walk on the index entries and only qualifying rows are fetched.
 * The expression (array_to_tsvector without NULLs and empty strings, which it rejects) must be
 * written exactly so in queries: see `lexemes()` in src/fit/domain/fit-lexemes.ts. Extended statistics
 * on the same expressions give the planner real frequencies (partial expression indexes have none),
 * so it keeps the nearest walk for common languages and a bitmap scan for rare ones.
 * The remote opportunities' pool (newest first, `published_at DESC, id`) had no index in that order
 * (`opportunity_published_remote_idx` is ascending in both) and sorted every remote offer; the new
 * one is in the query's order and carries the week mask, so the walk stops after the pool.
 */
const LANGUAGES = `array_to_tsvector(array_remove(array_remove("language_codes", NULL), ''))`;
const INTERESTS = `array_to_tsvector(array_remove(array_remove("interests", NULL), ''))`;
const FIELDS = `array_to_tsvector(array_remove(array_remove("fields_of_activity", NULL), ''))`;

export class AddFitLexemeIndexes1795630000000 implements MigrationInterface {
  name = 'AddFitLexemeIndexes1795630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "volunteer_active_near_lexemes_gist" ON "volunteer" USING gist ("location", (${LANGUAGES}), (${INTERESTS})) WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_near_fields_gist" ON "opportunity" USING gist ("location", (${FIELDS})) WHERE "status" = 'published' AND NOT "remote"`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_published_remote_recent_idx" ON "opportunity" ("published_at" DESC, "id") INCLUDE ("time_mask") WHERE "status" = 'published' AND "remote"`,
    );
    await queryRunner.query(
      `CREATE STATISTICS "volunteer_language_lexemes_stat" ON (${LANGUAGES}) FROM "volunteer"`,
    );
    await queryRunner.query(
      `CREATE STATISTICS "volunteer_interest_lexemes_stat" ON (${INTERESTS}) FROM "volunteer"`,
    );
    await queryRunner.query(
      `CREATE STATISTICS "opportunity_field_lexemes_stat" ON (${FIELDS}) FROM "opportunity"`,
    );
    await queryRunner.query(`ANALYZE "volunteer"`);
    await queryRunner.query(`ANALYZE "opportunity"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS "opportunity_field_lexemes_stat"`);
    await queryRunner.query(`DROP STATISTICS "volunteer_interest_lexemes_stat"`);
    await queryRunner.query(`DROP STATISTICS "volunteer_language_lexemes_stat"`);
    await queryRunner.query(`DROP INDEX "opportunity_published_remote_recent_idx"`);
    await queryRunner.query(`DROP INDEX "opportunity_published_near_fields_gist"`);
    await queryRunner.query(`DROP INDEX "volunteer_active_near_lexemes_gist"`);
  }
}
