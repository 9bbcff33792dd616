import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };
/** What the entry needs to say what happened; an edit keeps `before` and `after`. */
export type AuditDetails = Record<string, AuditValue>;

/** Every staff action, and every staff read of a help-seeker's contact data. Append-only. */
@Entity('audit_log')
@Index(['entityType', 'entityId'])
// The viewer's filters, each ending in the page order (at, id); made by AddAuditLogViewerIndexes.
@Index('audit_log_at_idx', { synchronize: false })
@Index('audit_log_staff_at_idx', { synchronize: false })
@Index('audit_log_action_at_idx', { synchronize: false })
@Index('audit_log_entity_at_idx', { synchronize: false })
export class AuditLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  staffUserId: string | null;

  /** E.g. "match.approved", "help-request.viewed". */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: AuditDetails;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
