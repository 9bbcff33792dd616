import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One point per German postal code (PLZ); how several source rows became one is in `method`. */
@Entity('postal_code')
export class PostalCode {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  code: string;

  /** Place name, e.g. "Hamburg". */
  @Column({ type: 'text' })
  place: string;

  /** Stadtteil (district) shown to volunteers instead of an address, e.g. "Ottensen". */
  @Column({ type: 'text', nullable: true })
  district: string | null;

  @Column({ type: 'text', nullable: true })
  state: string | null;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  /** How many source rows the point was reduced from, and which rule did it. */
  @Column({ type: 'int' })
  sourceRows: number;

  @Column({ type: 'text' })
  method: string;
}
