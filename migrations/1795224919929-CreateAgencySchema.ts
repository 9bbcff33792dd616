import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgencySchema1795224919929 implements MigrationInterface {
  name = 'CreateAgencySchema1795224919929';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // cube + earthdistance (PostgreSQL contrib) give an index-backed "within N km" search.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS cube`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS earthdistance`);
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "staff_user_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_43fef0ec7f613c19c612fffe62" ON "audit_log" ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "consent_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "purpose" text NOT NULL, "mode" text NOT NULL, "text_version" text NOT NULL, "recorded_by_staff_id" uuid, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b357c35aea3aa0be4647282324f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_303cae8a59d4be651ddd5e790f" ON "consent_record" ("subject_type", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "provider" ("postal_code" character varying(5) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "district" text, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "contact_person" text NOT NULL, "email" text NOT NULL, "phone" text, "street_address" text NOT NULL, "fields_of_activity" text array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ab2f66d8987bf1bfdd6136a2d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "help_seeker" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "phone" text, "email" text, "street_address" text, "postal_code" character varying(5) NOT NULL, "preferred_contact" text NOT NULL, "preferred_language" text NOT NULL DEFAULT 'de', "accessibility_needs" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6316ead495518de1158a8e2d65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "help_request" ("postal_code" character varying(5) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "district" text, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "help_seeker_id" uuid, "provider_id" uuid, "source" text NOT NULL, "category" text NOT NULL, "description" text NOT NULL, "street_address" text, "needed_skills" text array NOT NULL DEFAULT '{}', "needed_language" text, "requires_certificate" boolean NOT NULL DEFAULT false, "schedule" jsonb NOT NULL, "urgency" text NOT NULL DEFAULT 'normal', "status" text NOT NULL DEFAULT 'open', "matching_round" integer NOT NULL DEFAULT '0', "matching_summary" jsonb, "created_by_staff_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "matched_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_166d671334639318e1d6fc6cb8d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6ebb9af85014600ff40083bdb2" ON "help_request" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "volunteer" ("postal_code" character varying(5) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "district" text, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "email" text NOT NULL, "phone" text, "languages" jsonb NOT NULL DEFAULT '[]', "language_codes" text array NOT NULL DEFAULT '{}', "skills" text array NOT NULL DEFAULT '{}', "interests" text array NOT NULL DEFAULT '{}', "max_travel_km" double precision NOT NULL, "availability" jsonb NOT NULL DEFAULT '[]', "max_open_assignments" integer NOT NULL DEFAULT '2', "status" text NOT NULL DEFAULT 'pending', "certificate_inspected_on" date, "certificate_inspected_by" uuid, "locale" text NOT NULL DEFAULT 'de', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d9fe0a3ae27744ad7521e1ba4a5" UNIQUE ("email"), CONSTRAINT "PK_76924da1998b3e07025e04c4d3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "match" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "volunteer_id" uuid NOT NULL, "score" real NOT NULL, "rank" integer NOT NULL, "distance_km" real NOT NULL, "breakdown" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'proposed', "decided_by_staff_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "offered_at" TIMESTAMP WITH TIME ZONE, "offer_expires_at" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fd6686ef05fa434634d66351253" UNIQUE ("request_id", "volunteer_id"), CONSTRAINT "PK_92b6c3a6631dd5b24a67c69f69d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5b6c1050868dd9cb35e10dd519" ON "match" ("volunteer_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "subject_id" uuid NOT NULL, "recipient" text NOT NULL, "locale" text NOT NULL DEFAULT 'de', "status" text NOT NULL DEFAULT 'pending', "message_id" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_aa1635c584e55c1181f120f225a" UNIQUE ("kind", "subject_id", "recipient"), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_job" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "job_name" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_749442c5068d13dd7f3093fd9fb" UNIQUE ("job_id"), CONSTRAINT "PK_fca572df71a1e08db50f81f7617" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_job_pending_idx" ON "outbox_job" ("created_at") WHERE enqueued_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "postal_code" ("code" character varying(5) NOT NULL, "place" text NOT NULL, "district" text, "state" text, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "source_rows" integer NOT NULL, "method" text NOT NULL, CONSTRAINT "PK_182672e5552a8a5a1d0738a57c3" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_user_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_bd04302ff5686f90da181a7176d" UNIQUE ("token_hash"), CONSTRAINT "PK_f6ff7fdf4bb47ace7981adbcdee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "email" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_41a4f42a05b7aee26f9d3a0bb6b" UNIQUE ("email"), CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "help_request" ADD CONSTRAINT "FK_048b2cf81eb89308fe940e7d948" FOREIGN KEY ("help_seeker_id") REFERENCES "help_seeker"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "help_request" ADD CONSTRAINT "FK_7fc7351415dbd9148a528380f92" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match" ADD CONSTRAINT "FK_303300dcdcab1123d821848ec41" FOREIGN KEY ("request_id") REFERENCES "help_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "match" ADD CONSTRAINT "FK_2601ddcc5077d3b7110a6e31b85" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Candidate retrieval: active volunteers near a point who speak a language or have skills.
    await queryRunner.query(
      `CREATE INDEX "volunteer_location_gist" ON "volunteer" USING gist (ll_to_earth("latitude", "longitude")) WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "volunteer_language_codes_gin" ON "volunteer" USING gin ("language_codes")`,
    );
    await queryRunner.query(`CREATE INDEX "volunteer_skills_gin" ON "volunteer" USING gin ("skills")`);
    await queryRunner.query(`CREATE INDEX "match_request_idx" ON "match" ("request_id", "status")`);
    await queryRunner.query(`CREATE INDEX "staff_session_user_idx" ON "staff_session" ("staff_user_id")`);
    await queryRunner.query(
      `ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_user_fk" FOREIGN KEY ("staff_user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "volunteer_email_lower_uq" ON "volunteer" (lower("email"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "volunteer_email_lower_uq"`);
    await queryRunner.query(`ALTER TABLE "staff_session" DROP CONSTRAINT "staff_session_user_fk"`);
    await queryRunner.query(`DROP INDEX "staff_session_user_idx"`);
    await queryRunner.query(`DROP INDEX "match_request_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_skills_gin"`);
    await queryRunner.query(`DROP INDEX "volunteer_language_codes_gin"`);
    await queryRunner.query(`DROP INDEX "volunteer_location_gist"`);
    await queryRunner.query(`ALTER TABLE "match" DROP CONSTRAINT "FK_2601ddcc5077d3b7110a6e31b85"`);
    await queryRunner.query(`ALTER TABLE "match" DROP CONSTRAINT "FK_303300dcdcab1123d821848ec41"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP CONSTRAINT "FK_7fc7351415dbd9148a528380f92"`);
    await queryRunner.query(`ALTER TABLE "help_request" DROP CONSTRAINT "FK_048b2cf81eb89308fe940e7d948"`);
    await queryRunner.query(`DROP TABLE "staff_user"`);
    await queryRunner.query(`DROP TABLE "staff_session"`);
    await queryRunner.query(`DROP TABLE "postal_code"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_job_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_job"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5b6c1050868dd9cb35e10dd519"`);
    await queryRunner.query(`DROP TABLE "match"`);
    await queryRunner.query(`DROP TABLE "volunteer"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6ebb9af85014600ff40083bdb2"`);
    await queryRunner.query(`DROP TABLE "help_request"`);
    await queryRunner.query(`DROP TABLE "help_seeker"`);
    await queryRunner.query(`DROP TABLE "provider"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_303cae8a59d4be651ddd5e790f"`);
    await queryRunner.query(`DROP TABLE "consent_record"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_43fef0ec7f613c19c612fffe62"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS earthdistance`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS cube`);
  }
}
