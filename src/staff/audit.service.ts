import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the entry commits or rolls back with the action itself. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditLog, { ...entry, details: entry.details ?? {} });
  }
}
