import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PlacementActor, PlacementStage } from './domain/placement-stage';
import { Placement } from './placement.entity';

/**
 * What happened to a placement, oldest first (its timeline): stage moves, follow-up answers,
 * notes. `details` holds the kind's extra facts (a follow-up's answers, for instance).
 */
export type PlacementEventKind = 'stage' | 'follow-up-answer' | 'note' | 'reminder';

@Entity('placement_event')
@Index('placement_event_placement_idx', ['placementId', 'at'])
export class PlacementEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_placement_event' })
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'FK_placement_event_placement' })
  placement?: Placement;

  @Column({ type: 'text' })
  kind: PlacementEventKind;

  @Column({ type: 'text', nullable: true })
  fromStage: PlacementStage | null;

  @Column({ type: 'text', nullable: true })
  toStage: PlacementStage | null;

  @Column({ type: 'text' })
  actor: PlacementActor;

  @Column({ type: 'uuid', nullable: true })
  staffUserId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
