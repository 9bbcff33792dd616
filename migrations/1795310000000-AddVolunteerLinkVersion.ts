import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every signed link to a volunteer carries the volunteer's link version; raising it (erasure, on the
 * volunteer's request, by staff) revokes all links sent before. Existing volunteers start at 1.
 */
export class AddVolunteerLinkVersion1795310000000 implements MigrationInterface {
  name = 'AddVolunteerLinkVersion1795310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "volunteer" ADD "link_version" integer NOT NULL DEFAULT 1 CHECK ("link_version" >= 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "volunteer" DROP COLUMN "link_version"`);
  }
}
