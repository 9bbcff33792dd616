import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate retrieval reads each candidate's history (open assignments, offers, answers) from the
 * matches that got as far as an approval. Most matches stay proposals, so a partial index over the
 * others is small and one descent answers each candidate, instead of one per status.
 */
export class AddMatchHistoryIndex1795229000000 implements MigrationInterface {
  name = 'AddMatchHistoryIndex1795229000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "match_volunteer_history_idx" ON "match" ("volunteer_id") WHERE status IN ('approved', 'offered', 'accepted', 'declined', 'expired')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."match_volunteer_history_idx"`);
  }
}
