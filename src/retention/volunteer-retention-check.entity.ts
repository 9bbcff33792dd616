import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last time an inactive volunteer was asked whether to stay, and the last time they said yes. */
@Entity('volunteer_retention_check')
export class VolunteerRetentionCheck {
  @PrimaryColumn({ type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'timestamptz' })
  askedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  stayConfirmedAt: Date | null;
}
