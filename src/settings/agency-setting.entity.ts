import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Agency settings that staff change without a deploy, one JSON value per key, validated by the
 * feature that owns the key before it is written.
 */
@Entity('agency_setting')
export class AgencySetting {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ type: 'uuid', nullable: true })
  updatedByStaffId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
