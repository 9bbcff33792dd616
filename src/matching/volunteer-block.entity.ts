import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HelpSeeker } from '../help-seekers/help-seeker.entity';
import { Volunteer } from '../volunteers/volunteer.entity';

/** "Not this volunteer again" for a help-seeker, said by the help-seeker or by staff. */
@Entity('volunteer_block')
export class VolunteerBlock {
  @PrimaryColumn({ type: 'uuid' })
  helpSeekerId: string;

  @ManyToOne(() => HelpSeeker, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'volunteer_block_help_seeker_fk' })
  helpSeeker?: HelpSeeker;

  @PrimaryColumn({ type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'volunteer_block_volunteer_fk' })
  volunteer?: Volunteer;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
