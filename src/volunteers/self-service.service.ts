import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { ConsentRecord } from '../common/consent-record.entity';
import type { RequestSchedule, WeeklySlot } from '../shared/schedule';
import { PostalCodesService } from '../postal-codes/postal-codes.service';
import { OutboxService } from '../queue/outbox.service';
import { AuditService } from '../staff/audit.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { Volunteer } from './volunteer.entity';
import { VolunteersService } from './volunteers.service';

/** What a volunteer changes about themselves on their own page. */
export interface OwnProfile {
  phone: string | null;
  postalCode: string;
  maxTravelKm: number;
  languageCodes: string[];
  skills: string[];
  availability: WeeklySlot[];
}

export interface OwnMatch {
  id: string;
  status: string;
  category: string;
  district: string | null;
  schedule: RequestSchedule;
  /** The first moment help is needed (help_request.starts_at), for "ab Di., 8.12., jede Woche …". */
  startsAt: Date | null;
  offeredAt: Date | null;
  respondedAt: Date | null;
  /** Accepted and still ahead (or a weekly assignment not yet closed). */
  upcoming: boolean;
}

const ERASED_DOMAIN = 'erased.invalid';
export const erasedEmail = (volunteerId: string): string => `erased-${volunteerId}@${ERASED_DOMAIN}`;

/**
 * The volunteer's self-service behind the magic link: profile, matches, export, erasure. Every
 * change is audited without a staff user; a profile change re-checks open requests like staff edits.
 */
@Injectable()
export class SelfServiceService {
  constructor(
    // DataSource, not repositories: Self-service reads the volunteer's matches and, on erasure, anonymises rows of several features in one transaction.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly volunteers: VolunteersService,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationOutbox,
  ) {}

  /** Availability, radius, languages, skills, phone and postal code; open requests are re-checked. */
  updateProfile(volunteerId: string, profile: OwnProfile): Promise<Volunteer> {
    this.taxonomy.assertKnown('skills', profile.skills, 'skills');
    return this.volunteers.updateBySelf(volunteerId, profile);
  }

  async matches(volunteerId: string, now = new Date()): Promise<OwnMatch[]> {
    const today = berlinDateOf(now);
    const rows: {
      id: string;
      status: string;
      category: string;
      district: string | null;
      schedule: RequestSchedule;
      request_status: string;
      starts_at: Date | null;
      offered_at: Date | null;
      responded_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.status, r.category, r.district, r.schedule, r.status AS request_status,
              r.starts_at, m.offered_at, m.responded_at
         FROM match m JOIN help_request r ON r.id = m.request_id
        WHERE m.volunteer_id = $1 AND m.status IN ('offered', 'accepted', 'declined', 'expired')
        ORDER BY coalesce(m.offered_at, m.created_at) DESC`,
      [volunteerId],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      category: row.category,
      district: row.district,
      schedule: row.schedule,
      startsAt: row.starts_at,
      offeredAt: row.offered_at,
      respondedAt: row.responded_at,
      upcoming:
        (row.status === 'accepted' || row.status === 'offered') &&
        !['done', 'cancelled', 'unfulfilled', 'rejected'].includes(row.request_status) &&
        (row.schedule.kind === 'weekly' || row.schedule.date >= today),
    }));
  }

  /** Everything stored about the volunteer, as JSON (GDPR Art. 15 and 20). */
  async export(volunteerId: string): Promise<Record<string, unknown>> {
    const volunteer = await this.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteerId });
    const [consents, matches, notifications] = await Promise.all([
      this.dataSource
        .getRepository(ConsentRecord)
        .find({ where: { subjectType: 'volunteer', subjectId: volunteerId }, order: { givenAt: 'ASC' } }),
      this.matches(volunteerId),
      this.dataSource.query<{ kind: string; status: string; createdAt: Date; sentAt: Date | null }[]>(
        `SELECT kind, status, created_at AS "createdAt", sent_at AS "sentAt"
           FROM notification WHERE recipient = $1 ORDER BY created_at`,
        [volunteer.email],
      ),
    ]);
    await this.audit.record({
      staffUserId: null,
      action: 'volunteer.data-exported',
      entityType: 'volunteer',
      entityId: volunteerId,
    });
    return {
      exportedAt: new Date().toISOString(),
      profile: volunteer,
      consents: consents.map(({ purpose, mode, textVersion, givenAt, withdrawnAt }) => ({
        purpose,
        mode,
        textVersion,
        givenAt,
        withdrawnAt,
      })),
      matches,
      emails: notifications,
    };
  }

  /**
   * Erases the volunteer's personal data from every table and keeps the match history for the
   * agency's statistics, tied to an anonymous row (postal area kept for statistics per Quartier):
   * volunteer row anonymised, consent records and blocks deleted, emails' recipients replaced and
   * unsent ones cancelled, audit details about them emptied.
   */
  async erase(volunteerId: string): Promise<'erased' | 'unknown'> {
    const result = await this.dataSource.transaction(async (manager) => {
      const volunteer = await manager.findOne(Volunteer, {
        where: { id: volunteerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!volunteer || volunteer.erasedAt !== null) {
        return { outcome: 'unknown' as const, release: null };
      }
      const anonymous = erasedEmail(volunteerId);
      const matchIds = (
        await manager.query<{ id: string }[]>(`SELECT id FROM match WHERE volunteer_id = $1`, [volunteerId])
      ).map(({ id }) => id);
      await this.notifications.forgetPerson(manager, {
        email: volunteer.email,
        anonymousEmail: anonymous,
        name: volunteer.name,
        subjectIds: [volunteerId, ...matchIds],
      });
      await manager.delete(ConsentRecord, { subjectType: 'volunteer', subjectId: volunteerId });
      await manager.query(`DELETE FROM volunteer_block WHERE volunteer_id = $1`, [volunteerId]);
      // Proposals and open offers end, and upcoming assignments reopen with staff alerted, in
      // matching (outbox job); past matches stay as anonymous history.
      const release = await this.volunteers.queueRelease(manager, volunteerId);
      await manager.query(
        `UPDATE audit_log SET details = '{}'::jsonb
          WHERE (entity_type = 'volunteer' AND entity_id = $1) OR details::text LIKE '%' || $1 || '%'`,
        [volunteerId],
      );
      await manager.update(Volunteer, volunteerId, {
        name: '–',
        email: anonymous,
        phone: null,
        languages: [],
        languageCodes: [],
        skills: [],
        interests: [],
        availability: [],
        birthDate: null,
        gender: null,
        awayUntil: null,
        status: 'inactive',
        certificateInspectedOn: null,
        certificateInspectedBy: null,
        quietHours: null,
        emailConfirmedAt: null,
        erasedAt: new Date(),
        // Every link ever sent to them is dead, whatever route it reaches.
        linkVersion: volunteer.linkVersion + 1,
      });
      await this.audit.record(
        { staffUserId: null, action: 'volunteer.erased', entityType: 'volunteer', entityId: volunteerId },
        manager,
      );
      return { outcome: 'erased' as const, release };
    });
    this.outbox.relaySoon([result.release]);
    return result.outcome;
  }
}
