import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditLog, type AuditDetails } from './audit-log.entity';

export interface AuditEntry {
  staffUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: AuditDetails;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly auditLogs: Repository<AuditLog>) {}

  /** Pass the transaction's manager so the entry commits or rolls back with the action itself. */
  async record(entry: AuditEntry, manager: EntityManager = this.auditLogs.manager): Promise<void> {
    // Plain SQL: TypeORM's deep-partial insert type cannot follow the recursive details type.
    await manager.query(
      `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [
        entry.staffUserId,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}
