import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports (volunteers, providers, opportunities): one row per upload with its settings, the
 * file until the import is done, a processed-row cursor for resuming, counts and the per-row
 * report as compact tuples. Expression indexes let a re-import find what is already there.
 */
export class AddDataImport1795580000000 implements MigrationInterface {
  name = 'AddDataImport1795580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_import" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "status" text NOT NULL DEFAULT 'uploaded',
        "dry_run" boolean NOT NULL DEFAULT true,
        "source_filename" text NOT NULL,
        "source_label" text NOT NULL,
        "encoding" text NOT NULL,
        "separator" text NOT NULL,
        "mapping" jsonb NOT NULL DEFAULT '{}',
        "headers" jsonb NOT NULL DEFAULT '[]',
        "content" bytea,
        "created_by_staff_id" uuid,
        "processed_rows" integer NOT NULL DEFAULT 0,
        "total_rows" integer,
        "inserted_count" integer NOT NULL DEFAULT 0,
        "duplicate_count" integer NOT NULL DEFAULT 0,
        "rejected_count" integer NOT NULL DEFAULT 0,
        "warning_count" integer NOT NULL DEFAULT 0,
        "report" jsonb NOT NULL DEFAULT '[]',
        "report_truncated" integer NOT NULL DEFAULT 0,
        "error" text,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_data_import" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_data_import_kind" CHECK ("kind" IN ('volunteers', 'providers', 'opportunities')),
        CONSTRAINT "CHK_data_import_status" CHECK ("status" IN ('uploaded', 'queued', 'running', 'done', 'failed'))
      )`,
    );
    await queryRunner.query(`CREATE INDEX "data_import_created_idx" ON "data_import" ("created_at" DESC)`);
    await queryRunner.query(
      `CREATE INDEX "volunteer_import_name_postal_idx" ON "volunteer" (lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')), postal_code)`,
    );
    await queryRunner.query(
      `CREATE INDEX "provider_import_name_postal_idx" ON "provider" (lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')), postal_code)`,
    );
    await queryRunner.query(
      `CREATE INDEX "opportunity_import_title_idx" ON "opportunity" (provider_id, lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "opportunity_import_title_idx"`);
    await queryRunner.query(`DROP INDEX "provider_import_name_postal_idx"`);
    await queryRunner.query(`DROP INDEX "volunteer_import_name_postal_idx"`);
    await queryRunner.query(`DROP TABLE "data_import"`);
  }
}
