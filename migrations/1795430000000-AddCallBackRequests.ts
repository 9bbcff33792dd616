import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Bitte rufen Sie mich zurück" from the public pages: it waits as a call-back (no category, no
 * invented schedule) until staff have called and completed it into a real request. Requests made
 * that way carry the source 'call-back'.
 */
export class AddCallBackRequests1795430000000 implements MigrationInterface {
  name = 'AddCallBackRequests1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "call_back_request" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "help_seeker_id" uuid NOT NULL,
         "postal_code" character varying(5) NOT NULL,
         "note" text,
         "status" text NOT NULL DEFAULT 'waiting',
         "attempts" integer NOT NULL DEFAULT 0,
         "last_called_at" TIMESTAMP WITH TIME ZONE,
         "last_called_by_staff_id" uuid,
         "completed_at" TIMESTAMP WITH TIME ZONE,
         "completed_by_staff_id" uuid,
         "help_request_id" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_call_back_request" PRIMARY KEY ("id"),
         CONSTRAINT "FK_call_back_request_help_seeker" FOREIGN KEY ("help_seeker_id")
           REFERENCES "help_seeker"("id") ON DELETE CASCADE,
         CONSTRAINT "FK_call_back_request_help_request" FOREIGN KEY ("help_request_id")
           REFERENCES "help_request"("id") ON DELETE SET NULL
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_call_back_request_status_created" ON "call_back_request" ("status", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_call_back_request_help_seeker" ON "call_back_request" ("help_seeker_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "call_back_request"`);
  }
}
