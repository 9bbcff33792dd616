import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Help-seekers: a salutation for letters and a contact person who calls on their behalf.
 * Requests: the staff-approved short text volunteers see before they accept.
 */
export class AddContactPersonAndVolunteerSummary1795401000000 implements MigrationInterface {
  name = 'AddContactPersonAndVolunteerSummary1795401000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "help_seeker" ADD "salutation" text NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE "help_seeker" ADD "contact_person_name" text`);
    await queryRunner.query(`ALTER TABLE "help_seeker" ADD "contact_person_relationship" text`);
    await queryRunner.query(`ALTER TABLE "help_seeker" ADD "contact_person_phone" text`);
    await queryRunner.query(`ALTER TABLE "help_request" ADD "volunteer_summary" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "help_request" DROP COLUMN "volunteer_summary"`);
    await queryRunner.query(`ALTER TABLE "help_seeker" DROP COLUMN "contact_person_phone"`);
    await queryRunner.query(`ALTER TABLE "help_seeker" DROP COLUMN "contact_person_relationship"`);
    await queryRunner.query(`ALTER TABLE "help_seeker" DROP COLUMN "contact_person_name"`);
    await queryRunner.query(`ALTER TABLE "help_seeker" DROP COLUMN "salutation"`);
  }
}
