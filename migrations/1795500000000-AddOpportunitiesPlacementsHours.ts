import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engagement placement (issue 13) and hours (issue 14), the shared schema:
 * - `project` and `opportunity`: a host organisation's standing offers (Engagementangebote), on the
 *   Hamburg Engagement-Datenbank's two levels (Projekt → Aufgabe);
 * - `placement`: a volunteer and an opportunity on the way from "interested" to "started" and
 *   "ended" (or declined), with its history in `placement_event`;
 * - `hour_entry`: hours a volunteer gave to an assignment or a placement;
 * - a host contact's links are signed like a volunteer's: `provider.link_version` revokes them,
 *   `provider.locale` is the language of the host's emails.
 * Feature indexes come with the features' own migrations.
 */
export class AddOpportunitiesPlacementsHours1795500000000 implements MigrationInterface {
  name = 'AddOpportunitiesPlacementsHours1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider" ADD "link_version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "provider" ADD "locale" text NOT NULL DEFAULT 'de'`);

    await queryRunner.query(
      `CREATE TABLE "project" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "provider_id" uuid NOT NULL,
         "title" text NOT NULL,
         "description" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_project" PRIMARY KEY ("id"),
         CONSTRAINT "FK_project_provider" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE
       )`,
    );
    await queryRunner.query(`CREATE INDEX "project_provider_idx" ON "project" ("provider_id")`);

    await queryRunner.query(
      `CREATE TABLE "opportunity" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "provider_id" uuid NOT NULL,
         "project_id" uuid,
         "title" text NOT NULL,
         "description" text NOT NULL,
         "tasks" text,
         "fields_of_activity" text array NOT NULL DEFAULT '{}',
         "remote" boolean NOT NULL DEFAULT false,
         "postal_code" character varying(5),
         "latitude" double precision,
         "longitude" double precision,
         "district" text,
         "street_address" text,
         "time_pattern" jsonb NOT NULL,
         "min_commitment_months" integer,
         "places" integer NOT NULL DEFAULT 1,
         "requires_certificate" boolean NOT NULL DEFAULT false,
         "minimum_age" integer,
         "languages" text array NOT NULL DEFAULT '{}',
         "skills" text array NOT NULL DEFAULT '{}',
         "for_newcomers" boolean NOT NULL DEFAULT false,
         "little_german_ok" boolean NOT NULL DEFAULT false,
         "accessible" boolean NOT NULL DEFAULT false,
         "host_offers" text array NOT NULL DEFAULT '{}',
         "contact_name" text,
         "contact_email" text,
         "contact_phone" text,
         "status" text NOT NULL DEFAULT 'draft',
         "review_by" date,
         "submitted_by" text NOT NULL DEFAULT 'staff',
         "published_at" TIMESTAMP WITH TIME ZONE,
         "paused_reason" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_opportunity" PRIMARY KEY ("id"),
         CONSTRAINT "FK_opportunity_provider" FOREIGN KEY ("provider_id") REFERENCES "provider"("id") ON DELETE CASCADE,
         CONSTRAINT "FK_opportunity_project" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE SET NULL,
         CONSTRAINT "opportunity_status_check" CHECK ("status" IN ('draft', 'in-review', 'published', 'paused', 'filled', 'archived')),
         CONSTRAINT "opportunity_places_check" CHECK ("places" BETWEEN 1 AND 1000),
         CONSTRAINT "opportunity_place_check" CHECK ("remote" OR ("postal_code" IS NOT NULL AND "latitude" IS NOT NULL AND "longitude" IS NOT NULL))
       )`,
    );
    // The place as an earthdistance point and the time pattern as a week mask, computed by
    // PostgreSQL like the volunteer's (null for remote offers; flexible hours give an empty mask).
    await queryRunner.query(
      `ALTER TABLE "opportunity" ADD "location" cube GENERATED ALWAYS AS (ll_to_earth(latitude, longitude)) STORED`,
    );
    await queryRunner.query(
      `ALTER TABLE "opportunity" ADD "time_mask" bit(336) GENERATED ALWAYS AS (nahbar_schedule_mask(time_pattern)) STORED NOT NULL`,
    );
    for (const [name, value] of [
      ['location', 'll_to_earth(latitude, longitude)'],
      ['time_mask', 'nahbar_schedule_mask(time_pattern)'],
    ]) {
      await queryRunner.query(
        `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          await queryRunner.getCurrentDatabase(),
          await queryRunner.getCurrentSchema(),
          'opportunity',
          'GENERATED_COLUMN',
          name,
          value,
        ],
      );
    }
    await queryRunner.query(`CREATE INDEX "opportunity_provider_idx" ON "opportunity" ("provider_id")`);
    await queryRunner.query(`CREATE INDEX "opportunity_project_idx" ON "opportunity" ("project_id")`);

    await queryRunner.query(
      `CREATE TABLE "placement" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "volunteer_id" uuid NOT NULL,
         "opportunity_id" uuid NOT NULL,
         "stage" text NOT NULL DEFAULT 'interested',
         "stage_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "source" text NOT NULL,
         "advisory_interview_id" uuid,
         "declined_by" text,
         "end_reason" text,
         "end_note" text,
         "proposed_at" TIMESTAMP WITH TIME ZONE,
         "started_on" date,
         "ended_on" date,
         "follow_up_due_at" TIMESTAMP WITH TIME ZONE,
         "follow_up_sent_at" TIMESTAMP WITH TIME ZONE,
         "created_by_staff_id" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_placement" PRIMARY KEY ("id"),
         CONSTRAINT "FK_placement_volunteer" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE,
         CONSTRAINT "FK_placement_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE,
         CONSTRAINT "FK_placement_advisory_interview" FOREIGN KEY ("advisory_interview_id") REFERENCES "advisory_interview"("id") ON DELETE SET NULL,
         CONSTRAINT "placement_stage_check" CHECK ("stage" IN ('interested', 'advised', 'proposed', 'host-contacted', 'trial', 'started', 'ended', 'declined')),
         CONSTRAINT "placement_declined_by_check" CHECK ("declined_by" IS NULL OR "declined_by" IN ('volunteer', 'host', 'agency'))
       )`,
    );
    // One open placement per volunteer and opportunity; after it ended or was declined, a new one may begin.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "placement_open_pair_uq" ON "placement" ("volunteer_id", "opportunity_id") WHERE "stage" NOT IN ('ended', 'declined')`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_opportunity_idx" ON "placement" ("opportunity_id", "stage")`,
    );
    await queryRunner.query(`CREATE INDEX "placement_volunteer_idx" ON "placement" ("volunteer_id")`);
    await queryRunner.query(
      `CREATE INDEX "placement_advisory_interview_idx" ON "placement" ("advisory_interview_id") WHERE "advisory_interview_id" IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE TABLE "placement_event" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "placement_id" uuid NOT NULL,
         "kind" text NOT NULL,
         "from_stage" text,
         "to_stage" text,
         "actor" text NOT NULL,
         "staff_user_id" uuid,
         "reason" text,
         "note" text,
         "details" jsonb NOT NULL DEFAULT '{}',
         "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_placement_event" PRIMARY KEY ("id"),
         CONSTRAINT "FK_placement_event_placement" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE,
         CONSTRAINT "placement_event_actor_check" CHECK ("actor" IN ('staff', 'host', 'volunteer', 'system'))
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX "placement_event_placement_idx" ON "placement_event" ("placement_id", "at")`,
    );

    await queryRunner.query(
      `CREATE TABLE "hour_entry" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "volunteer_id" uuid NOT NULL,
         "match_id" uuid,
         "placement_id" uuid,
         "worked_on" date NOT NULL,
         "minutes" integer NOT NULL,
         "activity" text,
         "status" text NOT NULL DEFAULT 'submitted',
         "entered_by" text NOT NULL,
         "entered_by_staff_id" uuid,
         "reviewed_by_staff_id" uuid,
         "reviewed_at" TIMESTAMP WITH TIME ZONE,
         "original_minutes" integer,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_hour_entry" PRIMARY KEY ("id"),
         CONSTRAINT "FK_hour_entry_volunteer" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE,
         CONSTRAINT "FK_hour_entry_match" FOREIGN KEY ("match_id") REFERENCES "match"("id") ON DELETE SET NULL,
         CONSTRAINT "FK_hour_entry_placement" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE SET NULL,
         CONSTRAINT "hour_entry_minutes_check" CHECK ("minutes" BETWEEN 1 AND 1440),
         CONSTRAINT "hour_entry_status_check" CHECK ("status" IN ('submitted', 'approved', 'rejected')),
         CONSTRAINT "hour_entry_entered_by_check" CHECK ("entered_by" IN ('volunteer', 'staff', 'import'))
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX "hour_entry_volunteer_idx" ON "hour_entry" ("volunteer_id", "worked_on")`,
    );
    await queryRunner.query(`CREATE INDEX "hour_entry_worked_on_idx" ON "hour_entry" ("worked_on")`);
    await queryRunner.query(
      `CREATE INDEX "hour_entry_submitted_idx" ON "hour_entry" ("created_at") WHERE "status" = 'submitted'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hour_entry"`);
    await queryRunner.query(`DROP TABLE "placement_event"`);
    await queryRunner.query(`DROP TABLE "placement"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'opportunity' AND "database" = $1 AND "schema" = $2`,
      [await queryRunner.getCurrentDatabase(), await queryRunner.getCurrentSchema()],
    );
    await queryRunner.query(`DROP TABLE "opportunity"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(`ALTER TABLE "provider" DROP COLUMN "locale"`);
    await queryRunner.query(`ALTER TABLE "provider" DROP COLUMN "link_version"`);
  }
}
