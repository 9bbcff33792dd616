import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Heute lists the offers waiting for an answer, nearest deadline first. Open offers are a handful
 * among hundreds of thousands of matches, so a partial index over them answers the section with
 * one short range scan.
 */
export class AddOffersWaitingIndex1795480000000 implements MigrationInterface {
  name = 'AddOffersWaitingIndex1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "match_offered_deadline_idx" ON "match" ("offer_expires_at", "id") WHERE status = 'offered'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."match_offered_deadline_idx"`);
  }
}
