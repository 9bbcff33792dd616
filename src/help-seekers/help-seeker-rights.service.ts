import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConsentPurpose } from '../common/consent-record.entity';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CLOSED_REQUEST_STATUSES } from './domain/request-status';

/** What an erased help-seeker's name becomes; contact fields become null. */
export const ERASED_NAME = '–';
/** What an erased request's free text becomes. */
export const ERASED_TEXT = '–';

const CLOSED_SQL = CLOSED_REQUEST_STATUSES.map((status) => `'${status}'`).join(', ');

/** Everything the agency holds about one help-seeker (GDPR Art. 15), as plain JSON. */
export interface HelpSeekerExport {
  exportedAt: string;
  person: Record<string, unknown>;
  requests: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  callTasks: Record<string, unknown>[];
  /** Volunteers appear by first name only: they are other people. */
  matches: Record<string, unknown>[];
}

/** Why staff erase: a code, so the audit entry never carries free text about the person. */
export const ERASURE_REASONS = [
  'person-asked',
  'consent-withdrawn',
  'no-longer-needed',
  'retention',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export type ErasureOutcome = { erased: true; requestsClosed: number };

/**
 * A help-seeker's rights: access (Art. 15), erasure (Art. 17) and withdrawal of consent (Art. 7(3),
 * 9, 21). DataSource, not repositories: erasure anonymises rows of several features (requests,
 * matches, call tasks, notifications, audit) in one transaction.
 */
@Injectable()
export class HelpSeekerRightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async export(helpSeekerId: string, staff: AuthenticatedStaff): Promise<HelpSeekerExport> {
    const manager = this.dataSource.manager;
    const [person] = await manager.query<Record<string, unknown>[]>(
      `SELECT id, name, phone, email, street_address AS "streetAddress", postal_code AS "postalCode",
              preferred_contact AS "preferredContact", preferred_language AS "preferredLanguage",
              accessibility_needs AS "accessibilityNeeds", priority_groups AS "priorityGroups", salutation,
              contact_person_name AS "contactPersonName", contact_person_relationship AS "contactPersonRelationship",
              contact_person_phone AS "contactPersonPhone", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM help_seeker WHERE id = $1`,
      [helpSeekerId],
    );
    if (!person) {
      throw new NotFoundError('help-seeker', helpSeekerId);
    }
    const [requests, consents, notes, callTasks, matches] = await Promise.all([
      manager.query<Record<string, unknown>[]>(
        `SELECT id, source, category, description, volunteer_summary AS "volunteerSummary",
                street_address AS "streetAddress", postal_code AS "postalCode",
                district, schedule, urgency, status, needed_skills AS "neededSkills",
                needed_language AS "neededLanguage", created_at AS "createdAt", matched_at AS "matchedAt",
                closed_at AS "closedAt", outcome
           FROM help_request WHERE help_seeker_id = $1 ORDER BY created_at`,
        [helpSeekerId],
      ),
      manager.query<Record<string, unknown>[]>(
        `SELECT purpose, mode, text_version AS "textVersion", given_at AS "givenAt", withdrawn_at AS "withdrawnAt"
           FROM consent_record WHERE subject_type = 'help-seeker' AND subject_id = $1 ORDER BY given_at`,
        [helpSeekerId],
      ),
      manager.query<Record<string, unknown>[]>(
        `SELECT n.request_id AS "requestId", n.body, n.created_at AS "createdAt"
           FROM help_request_note n JOIN help_request r ON r.id = n.request_id
          WHERE r.help_seeker_id = $1 ORDER BY n.created_at`,
        [helpSeekerId],
      ),
      manager.query<Record<string, unknown>[]>(
        `SELECT help_request_id AS "requestId", reason, status, created_at AS "createdAt", done_at AS "doneAt"
           FROM call_task WHERE help_seeker_id = $1 ORDER BY created_at`,
        [helpSeekerId],
      ),
      manager.query<Record<string, unknown>[]>(
        `SELECT m.request_id AS "requestId", m.status, split_part(v.name, ' ', 1) AS "volunteerFirstName",
                m.created_at AS "createdAt", m.responded_at AS "respondedAt"
           FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
          WHERE r.help_seeker_id = $1 AND m.status IN ('offered', 'accepted', 'declined', 'expired')
          ORDER BY m.created_at`,
        [helpSeekerId],
      ),
    ]);
    await this.audit.record({
      staffUserId: staff.id,
      action: 'help-seeker.exported',
      entityType: 'help-seeker',
      entityId: helpSeekerId,
    });
    return { exportedAt: new Date().toISOString(), person, requests, consents, notes, callTasks, matches };
  }

  /**
   * Anonymises the person and keeps the statistics (category, district, postal code, dates,
   * statuses): name, contact, street, accessibility needs, descriptions and notes go; open requests
   * are cancelled, open proposals and offers withdrawn, unsent emails about them cancelled and
   * their stored text dropped; audit details about the person emptied. Consent records are kept
   * (the proof of consent and its withdrawal names no one).
   */
  async erase(
    helpSeekerId: string,
    staff: AuthenticatedStaff | null,
    reason: ErasureReason,
  ): Promise<ErasureOutcome> {
    return this.dataSource.transaction((manager) => this.eraseIn(manager, helpSeekerId, staff, reason));
  }

  /** Withdraws a consent (Art. 7(3)): health data removes the health details, processing erases. */
  async withdrawConsent(
    helpSeekerId: string,
    purpose: ConsentPurpose,
    staff: AuthenticatedStaff,
  ): Promise<{ withdrawn: number; erased: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockPerson(manager, helpSeekerId);
      const withdrawnRows = await manager.query<{ id: string }[]>(
        `UPDATE consent_record SET withdrawn_at = now()
          WHERE subject_type = 'help-seeker' AND subject_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
          RETURNING id`,
        [helpSeekerId, purpose],
      );
      const withdrawn = Array.isArray(withdrawnRows[0])
        ? (withdrawnRows[0] as unknown[]).length
        : withdrawnRows.length;
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'help-seeker.consent-withdrawn',
          entityType: 'help-seeker',
          entityId: helpSeekerId,
          details: { purpose },
        },
        manager,
      );
      if (purpose === 'health-data') {
        await manager.query(
          `UPDATE help_seeker SET accessibility_needs = '{}', updated_at = now() WHERE id = $1`,
          [helpSeekerId],
        );
        return { withdrawn, erased: false };
      }
      if (purpose === 'data-processing') {
        await this.eraseIn(manager, helpSeekerId, staff, 'consent-withdrawn');
        return { withdrawn, erased: true };
      }
      return { withdrawn, erased: false };
    });
  }

  private async lockPerson(manager: EntityManager, helpSeekerId: string): Promise<{ name: string }> {
    const [person] = await manager.query<{ name: string; phone: string | null; email: string | null }[]>(
      `SELECT name, phone, email FROM help_seeker WHERE id = $1 FOR UPDATE`,
      [helpSeekerId],
    );
    if (!person) {
      throw new NotFoundError('help-seeker', helpSeekerId);
    }
    return person;
  }

  private async eraseIn(
    manager: EntityManager,
    helpSeekerId: string,
    staff: AuthenticatedStaff | null,
    reason: ErasureReason,
  ): Promise<ErasureOutcome> {
    const [person] = await manager.query<{ email: string | null; erased: boolean }[]>(
      `SELECT email, name = $2 AND phone IS NULL AND email IS NULL AND street_address IS NULL AS erased
         FROM help_seeker WHERE id = $1 FOR UPDATE`,
      [helpSeekerId, ERASED_NAME],
    );
    if (!person) {
      throw new NotFoundError('help-seeker', helpSeekerId);
    }
    // A staff member still has to phone the person about an accepted match: that call needs the
    // number, so the erasure waits until the task is done (staff then erase again).
    const [{ openTasks }] = await manager.query<{ openTasks: number }[]>(
      `SELECT count(*)::int AS "openTasks" FROM call_task WHERE help_seeker_id = $1 AND status = 'open'`,
      [helpSeekerId],
    );
    if (openTasks > 0) {
      throw new ConflictError(
        'an open call task still needs this person’s phone number; mark it done first, then erase',
      );
    }
    const requestIds = (
      await manager.query<{ id: string }[]>(`SELECT id FROM help_request WHERE help_seeker_id = $1`, [
        helpSeekerId,
      ])
    ).map((row) => row.id);
    // Emails about the person's requests (the volunteer's offer and confirmation name the
    // help-seeker and the street) and to the person: unsent ones are cancelled, stored text goes.
    await manager.query(
      `UPDATE notification
          SET composed_email = NULL, last_error = NULL,
              status = CASE WHEN status IN ('pending', 'batched', 'composed') THEN 'cancelled' ELSE status END,
              recipient = CASE WHEN $2::text IS NOT NULL AND recipient = $2 THEN 'erased-' || id || '@erased.invalid' ELSE recipient END
        WHERE subject_id IN (SELECT id FROM match WHERE request_id = ANY($1::uuid[]))
           OR subject_id = ANY($1::uuid[])
           OR ($2::text IS NOT NULL AND recipient = $2)`,
      [requestIds, person.email],
    );
    await manager.query(
      `UPDATE match SET status = 'withdrawn', updated_at = now()
        WHERE request_id = ANY($1::uuid[]) AND status IN ('proposed', 'approved', 'offered')`,
      [requestIds],
    );
    const closed = await manager.query<{ id: string }[]>(
      `UPDATE help_request SET status = 'cancelled', status_changed_at = now(), closed_at = now()
        WHERE id = ANY($1::uuid[]) AND status NOT IN (${CLOSED_SQL})
        RETURNING id`,
      [requestIds],
    );
    const requestsClosed = Array.isArray(closed[0]) ? (closed[0] as unknown[]).length : closed.length;
    await manager.query(
      `UPDATE help_request SET description = $2, volunteer_summary = NULL, street_address = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [requestIds, ERASED_TEXT],
    );
    await manager.query(`UPDATE help_request_note SET body = $2 WHERE request_id = ANY($1::uuid[])`, [
      requestIds,
      ERASED_TEXT,
    ]);
    // Blocks name a volunteer the person did not want again: personal, not statistics.
    await manager.query(`DELETE FROM volunteer_block WHERE help_seeker_id = $1`, [helpSeekerId]);
    // A call-back still waiting is never made; a completed one keeps only its link to the request.
    await manager.query(`DELETE FROM call_back_request WHERE help_seeker_id = $1 AND status = 'waiting'`, [
      helpSeekerId,
    ]);
    await manager.query(`UPDATE call_back_request SET note = NULL WHERE help_seeker_id = $1`, [helpSeekerId]);
    await manager.query(
      `UPDATE audit_log SET details = '{}'::jsonb
        WHERE (entity_type = 'help-seeker' AND entity_id = $1)
           OR (entity_type = 'help-request' AND entity_id = ANY($2::text[]))
           OR details::text LIKE '%' || $1 || '%'`,
      [helpSeekerId, requestIds],
    );
    await manager.query(
      `UPDATE help_seeker SET name = $2, phone = NULL, email = NULL, street_address = NULL,
              accessibility_needs = '{}', priority_groups = '{}', salutation = 'none',
              contact_person_name = NULL,
              contact_person_relationship = NULL, contact_person_phone = NULL, updated_at = now()
        WHERE id = $1`,
      [helpSeekerId, ERASED_NAME],
    );
    await this.audit.record(
      {
        staffUserId: staff?.id ?? null,
        action: 'help-seeker.erased',
        entityType: 'help-seeker',
        entityId: helpSeekerId,
        details: { reason, requestsClosed, alreadyErased: person.erased },
      },
      manager,
    );
    return { erased: true, requestsClosed };
  }
}
