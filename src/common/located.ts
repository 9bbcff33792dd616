import { Column } from 'typeorm';

/** Columns every record located by its postal code carries (volunteers, providers, requests). */
export abstract class Located {
  @Column({ type: 'varchar', length: 5 })
  postalCode: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  @Column({ type: 'text', nullable: true })
  district: string | null;
}
