import type { DataSource } from 'typeorm';

const DISTRICTS_CACHE_MS = 5 * 60_000;

/**
 * The districts that occur in a table's `district` column, for the lists' district filters. They
 * change rarely, so they are kept for five minutes; read by a loose index scan (one probe per
 * district through an index that starts with `district`), never a full scan.
 */
export class DistrictNames {
  private cached?: { names: string[]; until: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly table: 'help_request' | 'volunteer',
  ) {}

  async get(fresh = false): Promise<string[]> {
    if (!fresh && this.cached && this.cached.until > Date.now()) {
      return this.cached.names;
    }
    const rows = await this.dataSource.query<{ district: string }[]>(
      `WITH RECURSIVE d AS (
         (SELECT district FROM ${this.table} WHERE district IS NOT NULL ORDER BY district LIMIT 1)
         UNION ALL
         SELECT (SELECT t.district FROM ${this.table} t WHERE t.district > d.district ORDER BY t.district LIMIT 1)
           FROM d WHERE d.district IS NOT NULL)
       SELECT district FROM d WHERE district IS NOT NULL LIMIT 500`,
    );
    this.cached = { names: rows.map((row) => row.district), until: Date.now() + DISTRICTS_CACHE_MS };
    return this.cached.names;
  }
}
