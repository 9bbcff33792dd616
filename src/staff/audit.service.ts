import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditDetails, AuditLog } from './audit-log.entity';

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
    await manager.insert(AuditLog, { ...entry, details: entry.details ?? {} });
  }
}
