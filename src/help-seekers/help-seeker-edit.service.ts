import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ConsentRecord, PRIVACY_TEXT_VERSION } from '../common/consent-record.entity';
import { DomainError, NotFoundError } from '../shared/domain-error';
import { PostalCodesService } from '../postal-codes/postal-codes.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { fieldChanges } from './domain/request-edit';
import {
  checkHelpSeeker,
  EDITABLE_HELP_SEEKER_FIELDS,
  type EditableHelpSeekerField,
} from './domain/help-seeker-edit';
import { UpdateHelpSeekerDto } from './dto/update-help-seeker.dto';
import { HelpSeeker } from './help-seeker.entity';
import { orderedPriorityGroups } from '../shared/statistics-fields';

const trimmedOrNull = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : value.trim() || null;

const lowerCased = (value: string | null | undefined) =>
  typeof value === 'string' ? value.toLowerCase() : value;

/**
 * Staff edit a help-seeker (audited with before and after): contact, preferences, salutation,
 * contact person, and accessibility needs, which are health data (Art. 9 GDPR) and are stored
 * only with a recorded explicit consent: one on record, or the oral one staff record with the edit.
 */
@Injectable()
export class HelpSeekerEditService {
  constructor(
    // DataSource: the person, a consent recorded with the edit and the audit entry are written together.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<HelpSeeker & { healthConsent: boolean }> {
    const seeker = await this.dataSource.getRepository(HelpSeeker).findOneBy({ id });
    if (!seeker) {
      throw new NotFoundError('help-seeker', id);
    }
    return Object.assign(seeker, { healthConsent: await this.hasHealthConsent(id) });
  }

  async edit(id: string, dto: UpdateHelpSeekerDto, staff: AuthenticatedStaff): Promise<HelpSeeker> {
    const location = dto.postalCode !== undefined ? await this.postalCodes.locate(dto.postalCode) : null;
    return this.dataSource.transaction(async (manager) => {
      const seeker = await manager.findOne(HelpSeeker, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!seeker) {
        throw new NotFoundError('help-seeker', id);
      }
      const after: Partial<Record<EditableHelpSeekerField, unknown>> = {
        name: dto.name?.trim(),
        salutation: dto.salutation,
        phone: trimmedOrNull(dto.phone),
        email: lowerCased(trimmedOrNull(dto.email)),
        preferredContact: dto.preferredContact,
        preferredLanguage: dto.preferredLanguage,
        streetAddress: trimmedOrNull(dto.streetAddress),
        postalCode: location?.postalCode,
        accessibilityNeeds: dto.accessibilityNeeds?.map((need) => need.trim()).filter(Boolean),
        priorityGroups: dto.priorityGroups && orderedPriorityGroups(dto.priorityGroups),
        contactPersonName: trimmedOrNull(dto.contactPersonName),
        contactPersonRelationship: dto.contactPersonRelationship,
        contactPersonPhone: trimmedOrNull(dto.contactPersonPhone),
      };
      const merged = { ...seeker, ...definedOnly(after) } as HelpSeeker;
      const consentOnRecord = await this.hasHealthConsent(id);
      const recordConsent = dto.healthDataConsent === true && !consentOnRecord;
      const problem = checkHelpSeeker(merged, consentOnRecord || dto.healthDataConsent === true);
      if (problem) {
        throw new DomainError(problem.code, problem.message, problem.field);
      }
      const changes = fieldChanges<EditableHelpSeekerField>(seeker, after, EDITABLE_HELP_SEEKER_FIELDS);
      if (recordConsent) {
        await manager.insert(ConsentRecord, {
          subjectType: 'help-seeker',
          subjectId: id,
          purpose: 'health-data',
          mode: 'oral',
          textVersion: PRIVACY_TEXT_VERSION,
          recordedByStaffId: staff.id,
          givenAt: new Date(),
        });
      }
      if (changes.changed.length === 0 && !recordConsent) {
        return seeker;
      }
      if (changes.changed.length > 0) {
        await manager.update(HelpSeeker, id, changes.after as Partial<HelpSeeker>);
      }
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'help-seeker.edited',
          entityType: 'help-seeker',
          entityId: id,
          details: {
            changed: changes.changed,
            before: changes.before,
            after: changes.after,
            healthConsentRecorded: recordConsent,
          } as never,
        },
        manager,
      );
      return manager.findOneByOrFail(HelpSeeker, { id });
    });
  }

  private async hasHealthConsent(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ConsentRecord).exists({
      where: { subjectType: 'help-seeker', subjectId: id, purpose: 'health-data', withdrawnAt: IsNull() },
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as Partial<T>;
}
